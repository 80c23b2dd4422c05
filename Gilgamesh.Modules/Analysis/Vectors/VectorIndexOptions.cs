namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>How to build an index. Approximate kinds need FAISS; without it they degrade to managed exact search.</summary>
internal sealed record VectorIndexOptions
{
    public VectorIndexKind Kind { get; init; } = VectorIndexKind.Exact;
    public VectorEngineChoice Engine { get; init; } = VectorEngineChoice.Auto;

    /// <summary>
    /// Single queries and filtered searches on an exact FAISS index run on the managed scan instead (same results:
    /// both feed <see cref="VectorExactRanker"/>). Measured here: Debian's libfaiss 1.7.3 is a baseline x86-64
    /// build whose per-row kernels (fvec_inner_product*, used for one query and for row subsets) are not
    /// AVX2-vectorised, so one query takes 3–5× longer than the managed AVX2 scan; FAISS keeps unfiltered
    /// batches (BLAS sgemm) and the approximate indexes. Tests turn this off to exercise every FAISS path.
    /// </summary>
    public bool ManagedSingleAndFilteredScans { get; init; } = true;

    /// <summary>HNSW links per node (FAISS default 32). More links: better recall, more memory.</summary>
    public int HnswM { get; init; } = 32;

    /// <summary>HNSW build beam width (FAISS default 40).</summary>
    public int HnswEfConstruction { get; init; } = 40;

    /// <summary>HNSW search beam width; raised to k when smaller. 64–256 gives recall@10 ≥ 0.95 on typical embeddings.</summary>
    public int HnswEfSearch { get; init; } = 128;

    /// <summary>IVF lists; 0 = about 4·√n (FAISS's usual guidance), trained by k-means on the data.</summary>
    public int IvfNlist { get; init; }

    /// <summary>IVF lists visited per query; recall rises with it, speed falls roughly linearly.</summary>
    public int IvfNprobe { get; init; } = 16;
}
