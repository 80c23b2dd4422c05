namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>One item to index: a caller's id, its embedding (any length > 0; normalised on build) and its fields.</summary>
internal readonly record struct VectorRow(long Id, float[] Vector, VectorMetadata Metadata)
{
    public VectorRow(long id, float[] vector) : this(id, vector, VectorMetadata.Empty) { }
}
