namespace Gilgamesh.Modules.Analysis.Vectors;

internal enum VectorIndexKind
{
    /// <summary>Brute force; exact top-k. Right up to a few hundred thousand vectors.</summary>
    Exact,
    /// <summary>FAISS HNSW graph: approximate; quality and speed set by EfSearch.</summary>
    Hnsw,
    /// <summary>FAISS IVF-Flat: approximate; quality and speed set by Nprobe of Nlist lists.</summary>
    Ivf,
}
