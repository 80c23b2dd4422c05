namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// FAISS HNSW or IVF-Flat for large sets where exact search is too slow. Results are approximate (recall set
/// by efSearch / nprobe) and are not guaranteed to equal the exact top-k. Filtered searches do not use the
/// graph/lists: <see cref="VectorIndex"/> sends them to an exact scan over the candidate rows instead, which
/// is what guarantees k hits when k items match.
/// </summary>
internal sealed unsafe class FaissApproximateIndex : IVectorSearchEngine
{
    private readonly FaissIndexHandle _index;
    private readonly int _count;
    private readonly int _effort;

    public FaissApproximateIndex(VectorDataSet data, VectorIndexOptions options)
    {
        _count = data.Count;
        nint handle;
        fixed (float* vectors = data.Vectors)
        {
            if (options.Kind == VectorIndexKind.Hnsw)
            {
                Name = "faiss-hnsw";
                _effort = options.HnswEfSearch;
                FaissNative.Check(FaissNative.gf_hnsw_create(data.Dimension, options.HnswM, options.HnswEfConstruction, vectors, data.Count, out handle), "HNSW build");
            }
            else
            {
                Name = "faiss-ivf";
                var nlist = options.IvfNlist > 0 ? options.IvfNlist : Math.Max(1, (int)(4 * Math.Sqrt(data.Count)));
                // k-means needs at least as many points as centroids.
                nlist = Math.Min(nlist, Math.Max(1, data.Count));
                _effort = options.IvfNprobe;
                FaissNative.Check(FaissNative.gf_ivf_create(data.Dimension, nlist, vectors, data.Count, out handle), "IVF build");
            }
        }
        _index = new FaissIndexHandle(handle);
    }

    public string Name { get; }
    public bool IsExact => false;

    public void Search(float[] queries, int queryCount, int m, int[]? subset, float[] scores, long[] rows)
    {
        if (subset is not null) throw new InvalidOperationException("approximate indexes do not take a row subset");
        var added = false;
        _index.DangerousAddRef(ref added);
        try
        {
            fixed (float* q = queries)
            fixed (float* d = scores)
            fixed (long* r = rows)
                FaissNative.Check(FaissNative.gf_search(_index.DangerousGetHandle(), q, queryCount, m, _effort, d, r), "approximate search");
        }
        finally
        {
            if (added) _index.DangerousRelease();
        }
        for (var i = 0; i < rows.Length; i++)
            if (rows[i] < 0 || rows[i] >= _count) { rows[i] = -1; scores[i] = float.NegativeInfinity; }
    }

    public void Dispose() => _index.Dispose();
}
