using System.Collections.Concurrent;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// The serialized answer of <c>GET /api/v1/jobs/{id}</c> (row and recent log lines), kept in memory so the
/// dashboard's most frequent call does not cost a database round trip each time. It is exact, not a TTL
/// cache: every insert or update of <c>platform.jobs</c> and <c>platform.job_logs</c> fires a NOTIFY that
/// every instance's <see cref="JobNotificationListener"/> hands to <see cref="Invalidate"/>. It is only
/// used while that listener is connected (notifications missed during a reconnect would leave stale
/// entries, so connecting and disconnecting both empty it).
/// </summary>
internal sealed class JobDetailCache
{
    /// <summary>Bounds the memory: a full cache starts over rather than tracking recency on every hit.</summary>
    public const int MaxEntries = 4096;

    /// <summary>Answers larger than this (many long log lines) are not kept.</summary>
    public const int MaxEntryBytes = 64 * 1024;

    internal sealed record Entry(string? OwnerId, byte[] Json);

    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private long _changes;
    private volatile bool _listening;

    public int Count => _entries.Count;

    public bool TryGet(Guid jobId, out Entry entry)
    {
        entry = null!;
        return _listening && _entries.TryGetValue(jobId, out entry!);
    }

    /// <summary>Taken before reading the database; <see cref="TryAdd"/> keeps the answer only if no change arrived since.</summary>
    public long Version => Interlocked.Read(ref _changes);

    /// <summary>
    /// Keeps an answer read from the database after <paramref name="versionBeforeRead"/>. A notification of any
    /// job between that read and now means the answer may already be old, so it is dropped (the next read keeps it).
    /// </summary>
    public void TryAdd(Guid jobId, Entry entry, long versionBeforeRead)
    {
        if (!_listening || entry.Json.Length > MaxEntryBytes || Version != versionBeforeRead) return;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[jobId] = entry;
        // Re-check after the write: an invalidation that ran between the check and the write must win.
        if (Version != versionBeforeRead) _entries.TryRemove(jobId, out _);
    }

    public void Invalidate(Guid jobId)
    {
        Interlocked.Increment(ref _changes);
        _entries.TryRemove(jobId, out _);
    }

    /// <summary>The listener (re)connected or lost its connection: whatever is cached may have missed changes.</summary>
    public void SetListening(bool listening)
    {
        _listening = listening;
        Interlocked.Increment(ref _changes);
        _entries.Clear();
    }
}
