using System.Collections.Concurrent;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Cancellation sources of the jobs running in this instance, so a cancel NOTIFY can stop them at once.</summary>
public sealed class JobCancellationRegistry
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    internal CancellationTokenSource Register(Guid jobId, CancellationToken workerToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(workerToken);
        _running[jobId] = source;
        return source;
    }

    internal void Unregister(Guid jobId) => _running.TryRemove(jobId, out _);

    /// <summary>Cancels the job if it runs here; returns whether it did.</summary>
    public bool Cancel(Guid jobId)
    {
        if (!_running.TryGetValue(jobId, out var source)) return false;
        try { source.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }

    public int RunningCount => _running.Count;

    /// <summary>The jobs a worker of this instance is running right now.</summary>
    public IEnumerable<Guid> RunningIds => _running.Keys;
}
