namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// A conjunction (AND) of metadata conditions, e.g.
/// <c>VectorFilter.Equal("style", "hiphop").And(VectorFilter.Between("difficulty", 1, 3))</c>.
/// It is evaluated before the similarity search into a candidate row set, so a search returns k hits
/// whenever at least k items match, however selective the filter is.
/// </summary>
internal sealed class VectorFilter
{
    private readonly List<VectorFilterClause> _clauses;

    private VectorFilter(List<VectorFilterClause> clauses) => _clauses = clauses;

    public IReadOnlyList<VectorFilterClause> Clauses => _clauses;

    public static VectorFilter Equal(string field, object value) =>
        new([new VectorFilterClause(field, VectorFilterKind.Equals, [Normalise(value)], 0, 0)]);

    public static VectorFilter In(string field, params object[] values) =>
        new([new VectorFilterClause(field, VectorFilterKind.In, values.Select(Normalise).ToArray(), 0, 0)]);

    /// <summary>Numeric field in [min, max] (inclusive).</summary>
    public static VectorFilter Between(string field, double min, double max) =>
        new([new VectorFilterClause(field, VectorFilterKind.Range, [], min, max)]);

    public VectorFilter And(VectorFilter other) => new([.. _clauses, .. other._clauses]);

    public override string ToString() => string.Join(" AND ", _clauses.Select(c => c.Kind switch
    {
        VectorFilterKind.Range => $"{c.Field} in [{c.Min}, {c.Max}]",
        VectorFilterKind.Equals => $"{c.Field} = {c.Values[0]}",
        _ => $"{c.Field} in ({string.Join(", ", c.Values)})",
    }));

    // Numbers compare as double everywhere, so 3 (int) and 3.0 match the same items.
    private static object Normalise(object value) => value switch
    {
        string s => s,
        double d => d,
        float f => (double)f,
        int i => (double)i,
        long l => (double)l,
        _ => throw new ArgumentException($"filter values must be text or numbers, not {value.GetType().Name}"),
    };
}
