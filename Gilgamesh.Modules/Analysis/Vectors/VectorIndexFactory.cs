using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Builds <see cref="VectorIndex"/>es on FAISS when its shim loads and on <see cref="ManagedExactIndex"/>
/// otherwise. The fallback (or the loaded shim with its OpenBLAS kernels) is logged once per factory (register
/// it as a singleton), not once per index.
/// </summary>
internal sealed class VectorIndexFactory
{
    private readonly ILogger<VectorIndexFactory> _logger;
    private readonly Lazy<FaissLoadResult> _faiss;
    private int _fallbackLogged;
    private int _loadLogged;

    public VectorIndexFactory(ILogger<VectorIndexFactory> logger) : this(logger, FaissNativeLibrary.LoadDefault) { }

    /// <param name="loadFaiss">How to load the shim; tests pass <c>() => FaissNativeLibrary.LoadFrom(badPath)</c>.</param>
    public VectorIndexFactory(ILogger<VectorIndexFactory> logger, Func<FaissLoadResult> loadFaiss)
    {
        _logger = logger;
        _faiss = new Lazy<FaissLoadResult>(loadFaiss);
    }

    public FaissLoadResult Faiss => _faiss.Value;

    public VectorIndex Build(IEnumerable<VectorRow> rows, VectorIndexOptions? options = null, int? dimension = null) =>
        Build(VectorDataSet.Build(rows, dimension), options);

    public VectorIndex Build(VectorDataSet data, VectorIndexOptions? options = null)
    {
        options ??= new VectorIndexOptions();
        if (options.Engine == VectorEngineChoice.Managed || data.Count == 0) return new VectorIndex(data, new ManagedExactIndex(data));

        var faiss = _faiss.Value;
        if (!faiss.Loaded)
        {
            if (options.Engine == VectorEngineChoice.Faiss)
                throw new GilgameshException(ErrorCodes.VectorNativeUnavailable, faiss.Message, 500);
            if (Interlocked.Exchange(ref _fallbackLogged, 1) == 0)
                _logger.LogWarning("Vector search falls back to managed exact search: {Reason}", faiss.Message);
            return new VectorIndex(data, new ManagedExactIndex(data));
        }
        if (Interlocked.Exchange(ref _loadLogged, 1) == 0)
            _logger.LogInformation("Vector search on FAISS: {Message}", faiss.Message);
        IVectorSearchEngine engine = options.Kind == VectorIndexKind.Exact
            ? new FaissFlatIndex(data)
            : new FaissApproximateIndex(data, options);
        return new VectorIndex(data, engine, options.ManagedSingleAndFilteredScans);
    }
}
