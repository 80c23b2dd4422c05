namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Finds candidate rows for unit-length queries. Engines only rank by their own float scores; the final
/// order (double-precision score, then id) is decided by <see cref="VectorExactRanker"/>, which is what
/// makes the FAISS and managed paths return identical top-k.
/// </summary>
internal interface IVectorSearchEngine : IDisposable
{
    /// <summary>"faiss-flat", "faiss-hnsw", "faiss-ivf" or "managed-exact".</summary>
    string Name { get; }

    /// <summary>True when the m candidates are the m best by float score (flat/brute force), false for HNSW/IVF.</summary>
    bool IsExact { get; }

    /// <summary>
    /// For each of <paramref name="queryCount"/> queries (row-major in <paramref name="queries"/>), the best
    /// <paramref name="m"/> rows, best first, into <paramref name="scores"/>/<paramref name="rows"/> (queryCount × m;
    /// row -1 where fewer exist). <paramref name="subset"/>, when given, restricts the search to those rows.
    /// </summary>
    void Search(float[] queries, int queryCount, int m, int[]? subset, float[] scores, long[] rows);
}
