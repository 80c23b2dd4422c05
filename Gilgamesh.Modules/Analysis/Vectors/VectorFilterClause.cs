namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>One condition on one metadata field. Items without the field never match.</summary>
internal sealed record VectorFilterClause(string Field, VectorFilterKind Kind, IReadOnlyList<object> Values, double Min, double Max);
