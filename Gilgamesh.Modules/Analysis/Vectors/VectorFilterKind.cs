namespace Gilgamesh.Modules.Analysis.Vectors;

internal enum VectorFilterKind
{
    /// <summary>Field equals one text or number.</summary>
    Equals,
    /// <summary>Field equals any of several texts or numbers.</summary>
    In,
    /// <summary>Numeric field within [Min, Max], both ends inclusive.</summary>
    Range,
}
