using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// A searchable set of vectors: cosine top-k with optional metadata filters. Immutable; to change the
/// contents build a new one (see <see cref="VectorIndexCache"/>). Thread-safe for concurrent searches.
/// </summary>
internal sealed class VectorIndex : IDisposable
{
    private const int SingleQueryLimit = 4;

    private readonly IVectorSearchEngine _engine;
    // Exact scan for single queries and filtered searches: the engine itself, or the managed scan when the
    // engine is approximate (graph/lists cannot honour a row subset) or managed scans are preferred
    // (VectorIndexOptions.ManagedSingleAndFilteredScans). Shares the vectors; no second copy.
    private readonly IVectorSearchEngine _scanEngine;

    public VectorIndex(VectorDataSet data, IVectorSearchEngine engine, bool preferManagedScans = true)
    {
        Data = data;
        _engine = engine;
        _scanEngine = engine is ManagedExactIndex || (engine.IsExact && !preferManagedScans) ? engine : new ManagedExactIndex(data);
    }

    public VectorDataSet Data { get; }
    public int Count => Data.Count;
    public int Dimension => Data.Dimension;

    /// <summary>"faiss-flat", "faiss-hnsw", "faiss-ivf" or "managed-exact": the engine of unfiltered batches.</summary>
    public string EngineName => _engine.Name;

    /// <summary>The engine of single queries and filtered searches.</summary>
    public string ScanEngineName => _scanEngine.Name;

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
        if (!ReferenceEquals(_scanEngine, _engine)) _scanEngine.Dispose();
    }

    private IReadOnlyList<VectorSearchResult>[] Run(float[] queries, int queryCount, int k, VectorFilter? filter)
    {
        if (k < 1) throw new GilgameshException(ErrorCodes.VectorInvalidArgument, $"k must be at least 1 (was {k}).");
        if (queryCount == 0) return [];
        if (filter is null || filter.Clauses.Count == 0)
        {
            var engine = _engine.IsExact && queryCount < SingleQueryLimit ? _scanEngine : _engine;
            return VectorExactRanker.Rank(Data, engine, queries, queryCount, k, subset: null);
        }
        var subset = Data.Columns.Select(filter);
        return VectorExactRanker.Rank(Data, _scanEngine, queries, queryCount, k, subset);
    }
}
