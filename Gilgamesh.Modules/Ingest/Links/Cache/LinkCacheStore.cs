using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Ingest.Links.Cache;

/// <summary>Cache statistics; <see cref="Misses"/> are counted by this instance since it started.</summary>
internal sealed record LinkCacheStats(long Entries, long Expired, long Hits, long Misses, DateTimeOffset? Oldest, DateTimeOffset? Newest, double TtlSeconds);

/// <summary>Reads and writes <c>ingest.link_cache</c>; the only class that knows the table.</summary>
internal sealed class LinkCacheStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private long _misses;

    /// <summary>The stored result JSON of a live entry, counting the hit; null (and a miss) otherwise.</summary>
    /// <remarks>
    /// The hit is counted without waiting for the WAL flush (<c>synchronous_commit</c> off for this statement's own
    /// transaction): with the flush, every cached answer waited for an fsync, 3 ms typical and tens of ms under other I/O,
    /// which was most of a cached answer's time and all of its tail. A hit count is a statistic; a crash can lose the
    /// last fraction of a second of counts, never an entry (entries are written with a normal commit).
    /// </remarks>
    public async Task<string?> TryHitAsync(string key, CancellationToken ct)
    {
        const string sql = """
            update ingest.link_cache set hits = hits + 1
            from (select set_config('synchronous_commit', 'off', true)) as no_flush_wait
            where key = @key and expires_at > @now
            returning result::text
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var result = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(sql, new { key, now = clock.GetUtcNow() }, cancellationToken: ct));
        if (result is null) Interlocked.Increment(ref _misses);
        return result;
    }

    public async Task PutAsync(string key, Guid ownerId, string url, string resultJson, TimeSpan ttl, CancellationToken ct)
    {
        const string sql = """
            insert into ingest.link_cache (key, owner_id, url, result, created_at, expires_at)
            values (@key, @ownerId, @url, @resultJson::jsonb, @now, @expires)
            on conflict (key) do update set result = excluded.result, created_at = excluded.created_at,
                expires_at = excluded.expires_at, hits = 0
            """;
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { key, ownerId, url, resultJson, now, expires = now + ttl }, cancellationToken: ct));
    }

    /// <summary>Everyone's entries (<paramref name="ownerId"/> null) or one owner's.</summary>
    public async Task<LinkCacheStats> StatsAsync(Guid? ownerId, double ttlSeconds, CancellationToken ct)
    {
        const string sql = """
            select count(*) filter (where expires_at > @now) as entries, count(*) filter (where expires_at <= @now) as expired,
                   coalesce(sum(hits), 0)::bigint as hits, min(created_at) as oldest, max(created_at) as newest
            from ingest.link_cache where @ownerId::uuid is null or owner_id = @ownerId
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<(long Entries, long Expired, long Hits, DateTime? Oldest, DateTime? Newest)>(
            new CommandDefinition(sql, new { now = clock.GetUtcNow(), ownerId }, cancellationToken: ct));
        return new LinkCacheStats(row.Entries, row.Expired, row.Hits, Interlocked.Read(ref _misses),
            Utc(row.Oldest), Utc(row.Newest), ttlSeconds);
    }

    /// <summary>Removes one entry when <paramref name="ownerId"/> owns it (or is null: an admin); whether it existed.</summary>
    public async Task<bool> DeleteAsync(string key, Guid? ownerId, CancellationToken ct)
    {
        const string sql = "delete from ingest.link_cache where key = @key and (@ownerId::uuid is null or owner_id = @ownerId)";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { key, ownerId }, cancellationToken: ct)) == 1;
    }

    public async Task<int> ClearAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("delete from ingest.link_cache", cancellationToken: ct));
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from ingest.link_cache where expires_at <= @now", new { now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
