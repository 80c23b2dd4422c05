using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// A searchable set of vectors: cosine top-k with optional metadata filters. Immutable; to change the
/// contents build a new one (see <see cref="VectorIndexCache"/>). Thread-safe for concurrent searches.
/// </summary>
internal sealed class VectorIndex : IDisposable
{
    private readonly IVectorSearchEngine _engine;
    // Filtered searches on approximate indexes scan the candidate rows exactly (no second copy of the vectors).
    private readonly IVectorSearchEngine _subsetEngine;

    public VectorIndex(VectorDataSet data, IVectorSearchEngine engine)
    {
        Data = data;
        _engine = engine;
        _subsetEngine = engine.IsExact ? engine : new ManagedExactIndex(data);
    }

    public VectorDataSet Data { get; }
    public int Count => Data.Count;
    public int Dimension => Data.Dimension;

    /// <summary>"faiss-flat", "faiss-hnsw", "faiss-ivf" or "managed-exact".</summary>
    public string EngineName => _engine.Name;

    public IReadOnlyList<VectorSearchResult> Search(ReadOnlySpan<float> query, int k, VectorFilter? filter = null)
    {
        var normalised = new float[Dimension];
        VectorValidation.NormaliseInto(query, normalised, Dimension, "Query");
        return Run(normalised, 1, k, filter)[0];
    }

    /// <summary>Many queries at once (much faster per query than one by one on exact indexes).</summary>
    public IReadOnlyList<VectorSearchResult>[] SearchBatch(IReadOnlyList<float[]> queries, int k, VectorFilter? filter = null)
    {
        var normalised = new float[queries.Count * Dimension];
        for (var q = 0; q < queries.Count; q++)
            VectorValidation.NormaliseInto(queries[q], normalised.AsSpan(q * Dimension, Dimension), Dimension, $"Query {q}");
        return Run(normalised, queries.Count, k, filter);
    }

    public void Dispose()
    {
        _engine.Dispose();
        if (!ReferenceEquals(_subsetEngine, _engine)) _subsetEngine.Dispose();
    }

    private IReadOnlyList<VectorSearchResult>[] Run(float[] queries, int queryCount, int k, VectorFilter? filter)
    {
        if (k < 1) throw new GilgameshException(ErrorCodes.VectorInvalidArgument, $"k must be at least 1 (was {k}).");
        if (queryCount == 0) return [];
        if (filter is null || filter.Clauses.Count == 0)
            return VectorExactRanker.Rank(Data, _engine, queries, queryCount, k, subset: null);
        var subset = Data.Columns.Select(filter);
        return VectorExactRanker.Rank(Data, _subsetEngine, queries, queryCount, k, subset);
    }
}
