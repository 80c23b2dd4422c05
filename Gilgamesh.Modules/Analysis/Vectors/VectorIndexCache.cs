namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Built indexes kept in memory per key (e.g. "choreography/moves") for a TTL. A cached index is reused
/// only while the caller's data version matches the one it was built from and no <see cref="Invalidate"/>
/// happened since; a build that was running when Invalidate was called is returned to its caller but not
/// cached, so a change can never be hidden behind a stale index. One build per key at a time.
/// Replaced indexes are not disposed here (a search may still be running on them); their native memory
/// is released by their SafeHandle when the last reference goes.
/// </summary>
internal sealed class VectorIndexCache(TimeProvider clock, TimeSpan timeToLive)
{
    private sealed record Entry(VectorIndex Index, long Version, long Generation, DateTimeOffset BuiltAt);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
        Justification = "A slot lives as long as the cache; its SemaphoreSlim never creates a wait handle, so there is nothing to release.")]
    private sealed class Slot
    {
        public readonly SemaphoreSlim Building = new(1, 1);
        public Entry? Entry;
        public long Generation;
    }

    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<VectorIndex> GetOrBuildAsync(string key, long version, Func<CancellationToken, Task<VectorIndex>> build, CancellationToken ct = default)
    {
        var slot = SlotFor(key);
        if (TryFresh(slot, version) is { } hit) return hit;
        await slot.Building.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (TryFresh(slot, version) is { } builtMeanwhile) return builtMeanwhile;
            long generation;
            lock (_gate) generation = slot.Generation;
            var index = await build(ct).ConfigureAwait(false);
            lock (_gate)
            {
                if (slot.Generation == generation) slot.Entry = new Entry(index, version, generation, clock.GetUtcNow());
            }
            return index;
        }
        finally
        {
            slot.Building.Release();
        }
    }

    /// <summary>Forgets the key's index; the next GetOrBuildAsync builds a new one.</summary>
    public void Invalidate(string key)
    {
        var slot = SlotFor(key);
        lock (_gate)
        {
            slot.Generation++;
            slot.Entry = null;
        }
    }

    private VectorIndex? TryFresh(Slot slot, long version)
    {
        lock (_gate)
        {
            var entry = slot.Entry;
            if (entry is null || entry.Version != version || entry.Generation != slot.Generation) return null;
            if (clock.GetUtcNow() - entry.BuiltAt >= timeToLive) return null;
            return entry.Index;
        }
    }

    private Slot SlotFor(string key)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(key, out var slot)) _slots[key] = slot = new Slot();
            return slot;
        }
    }
}
