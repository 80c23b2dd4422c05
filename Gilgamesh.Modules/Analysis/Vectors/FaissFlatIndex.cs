namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Exact inner-product search in FAISS (IndexFlatIP, which copies the vectors). A single query uses the
/// shim's two-thread scan (FAISS 1.7.3 runs one query on one thread); batches the shim's row-split sgemm
/// scan over the index's vectors with FAISS heaps (gf_flat_search_batch: IndexFlatIP::search's work without
/// its two competing thread pools); filtered searches read only the candidate rows
/// (knn_inner_products_by_idx), so a 10% filter reads 10% of the memory.
/// </summary>
internal sealed unsafe class FaissFlatIndex : IVectorSearchEngine
{
    private readonly FaissIndexHandle _index;
    private readonly int _count;

    public FaissFlatIndex(VectorDataSet data)
    {
        _count = data.Count;
        nint handle;
        fixed (float* vectors = data.Vectors)
            FaissNative.Check(FaissNative.gf_flat_create(data.Dimension, vectors, data.Count, out handle), "flat index build");
        _index = new FaissIndexHandle(handle);
    }

    public string Name => "faiss-flat";
    public bool IsExact => true;

    public void Search(float[] queries, int queryCount, int m, int[]? subset, float[] scores, long[] rows)
    {
        var handle = _index.DangerousGetHandle();
        var added = false;
        _index.DangerousAddRef(ref added);
        try
        {
            fixed (float* q = queries)
            fixed (float* d = scores)
            fixed (long* r = rows)
            {
                if (subset is not null)
                {
                    var subsetRows = Array.ConvertAll(subset, row => (long)row);
                    fixed (long* s = subsetRows)
                        FaissNative.Check(FaissNative.gf_flat_search_rows(handle, q, queryCount, s, subsetRows.Length, m, d, r), "filtered search");
                }
                else if (queryCount == 1)
                    FaissNative.Check(FaissNative.gf_flat_search_one(handle, q, m, d, r), "search");
                else
                    FaissNative.Check(FaissNative.gf_flat_search_batch(handle, q, queryCount, m, d, r), "batch search");
            }
        }
        finally
        {
            if (added) _index.DangerousRelease();
        }
        // Empty slots come back with FAISS's sentinel distance; make them unambiguous.
        for (var i = 0; i < rows.Length; i++)
            if (rows[i] < 0 || rows[i] >= _count) { rows[i] = -1; scores[i] = float.NegativeInfinity; }
    }

    public void Dispose() => _index.Dispose();
}
