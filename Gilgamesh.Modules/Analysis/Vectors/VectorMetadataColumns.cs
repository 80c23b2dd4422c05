using System.Collections;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// The metadata laid out as columns (one array per field), built once per index. Evaluating a filter is
/// then a tight scan over a few arrays (about 0.1 ms per 100,000 items) instead of a dictionary lookup
/// per item, which keeps a filtered search cheaper than an unfiltered one.
/// </summary>
internal sealed class VectorMetadataColumns
{
    // Per field: numbers as double (NaN = absent or text), texts as codes into a per-field dictionary (-1 = absent).
    private readonly Dictionary<string, double[]> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int[] Codes, Dictionary<string, int> Dictionary)> _texts = new(StringComparer.Ordinal);
    private readonly int _count;

    public VectorMetadataColumns(IReadOnlyList<VectorMetadata> rows)
    {
        _count = rows.Count;
        for (var row = 0; row < rows.Count; row++)
        {
            foreach (var (name, value) in rows[row].Fields)
            {
                if (value is string text)
                {
                    if (!_texts.TryGetValue(name, out var column))
                    {
                        column = (Filled(new int[_count], -1), new Dictionary<string, int>(StringComparer.Ordinal));
                        _texts[name] = column;
                    }
                    if (!column.Dictionary.TryGetValue(text, out var code)) column.Dictionary[text] = code = column.Dictionary.Count;
                    column.Codes[row] = code;
                }
                else
                {
                    if (!_numbers.TryGetValue(name, out var column)) _numbers[name] = column = Filled(new double[_count], double.NaN);
                    column[row] = (double)value;
                }
            }
        }
    }

    /// <summary>Rows (ascending positions) that satisfy every clause of the filter.</summary>
    public int[] Select(VectorFilter filter)
    {
        var selected = new BitArray(_count, true);
        foreach (var clause in filter.Clauses) selected.And(Matching(clause));
        var rows = new List<int>();
        for (var row = 0; row < _count; row++)
            if (selected[row]) rows.Add(row);
        return rows.ToArray();
    }

    private BitArray Matching(VectorFilterClause clause)
    {
        var match = new BitArray(_count);
        if (clause.Kind == VectorFilterKind.Range)
        {
            if (_numbers.TryGetValue(clause.Field, out var numbers))
                for (var row = 0; row < _count; row++)
                    match[row] = numbers[row] >= clause.Min && numbers[row] <= clause.Max; // NaN never matches
            return match;
        }

        // Equals / In: numbers compare as doubles, texts by code.
        var wantedNumbers = clause.Values.OfType<double>().ToHashSet();
        if (wantedNumbers.Count > 0 && _numbers.TryGetValue(clause.Field, out var numberColumn))
            for (var row = 0; row < _count; row++)
                if (wantedNumbers.Contains(numberColumn[row])) match[row] = true;

        if (_texts.TryGetValue(clause.Field, out var textColumn))
        {
            var wantedCodes = new HashSet<int>();
            foreach (var text in clause.Values.OfType<string>())
                if (textColumn.Dictionary.TryGetValue(text, out var code)) wantedCodes.Add(code);
            if (wantedCodes.Count > 0)
                for (var row = 0; row < _count; row++)
                    if (wantedCodes.Contains(textColumn.Codes[row])) match[row] = true;
        }
        return match;
    }

    private static T[] Filled<T>(T[] array, T value)
    {
        Array.Fill(array, value);
        return array;
    }
}
