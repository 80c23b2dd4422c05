using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary><c>encode.files</c>: the catalog of every file seen in a library.</summary>
internal sealed class CatalogStore(NpgsqlDataSource db)
{
    private const string Columns = """
        id, library_id, path, size_bytes, mtime, stable_since, fingerprint, status, reasons, attempts,
        forecast_bytes, forecast_seconds, actual_bytes, actual_seconds, chosen_encoder, ssim, progress, fps, eta_seconds, source_bytes
        """;

    private const string SelectByLibrarySql = $"select {Columns} from encode.files where library_id = @libraryId order by path";
    private const string SelectOneSql = $"select {Columns} from encode.files where id = @id";

    // One statement for a whole scan's changes: 10,000 rows cost one round trip, not 10,000.
    private const string UpsertSql = """
        insert into encode.files (id, library_id, path, size_bytes, mtime, stable_since, status)
        select gen_random_uuid(), @libraryId, p, s, m, now(), 'new' from unnest(@Paths, @Sizes, @Mtimes) as t(p, s, m)
        on conflict (library_id, path) do update
        set size_bytes = excluded.size_bytes, mtime = excluded.mtime, stable_since = now(), fingerprint = null,
            status = 'new', reasons = '{}', updated_at = now()
        """;

    private const string DeleteMissingSql = "delete from encode.files where library_id = @libraryId and path = any(@Paths)";

    // Live progress starts at 0 with encoding, reads full while verifying (the encode's speed stays shown) and is
    // cleared by every other status.
    private const string SetStatusSql = """
        update encode.files set status = @status, reasons = @reasons, fingerprint = coalesce(@fingerprint, fingerprint), updated_at = now(),
            progress = case @status when 'encoding' then 0 when 'verifying' then 1 end,
            fps = case when @status = 'verifying' then fps end,
            eta_seconds = null
        where id = @id
        """;

    private const string SetLiveSql = "update encode.files set progress = @progress, fps = @fps, eta_seconds = @etaSeconds where id = @id";

    // The queue across libraries: what waits and what runs, the running first.
    private const string SelectQueueSql = $"""
        select {Columns} from encode.files where status in ('queued', 'encoding', 'verifying')
        order by status = 'queued', updated_at
        """;

    private const string SetForecastSql = "update encode.files set forecast_bytes = @bytes, forecast_seconds = @seconds where id = @id";

    private const string SetResultSql = """
        update encode.files set actual_bytes = @bytes, actual_seconds = @seconds, chosen_encoder = @encoder, ssim = @ssim, source_bytes = size_bytes
        where id = @id
        """;

    private const string QueuePlannedSql = """
        update encode.files set status = 'queued', updated_at = now() where library_id = @libraryId and status = 'planned' returning id
        """;

    private const string AttemptSql = "update encode.files set attempts = attempts + 1 where id = @id returning attempts";
    private const string ResetAttemptsSql = "update encode.files set attempts = 0 where id = @id";
    private const string SelectQueuedSql = $"select {Columns} from encode.files where status = 'queued' order by updated_at";

    public async Task<IReadOnlyList<CatalogFile>> ListAsync(Guid libraryId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<CatalogFile>(new CommandDefinition(SelectByLibrarySql, new { libraryId }, cancellationToken: ct))).ToList();
    }

    public async Task<CatalogFile?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<CatalogFile>(new CommandDefinition(SelectOneSql, new { id }, cancellationToken: ct));
    }

    /// <summary>Records new or changed files (their stability clock restarts) and forgets vanished ones.</summary>
    public async Task ApplyScanAsync(Guid libraryId, IReadOnlyList<(string Path, long Size, DateTime Mtime)> changed, IReadOnlyList<string> vanished, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (changed.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
            {
                libraryId,
                Paths = changed.Select(c => c.Path).ToArray(),
                Sizes = changed.Select(c => c.Size).ToArray(),
                Mtimes = changed.Select(c => c.Mtime).ToArray(),
            }, tx, cancellationToken: ct));
        if (vanished.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(DeleteMissingSql, new { libraryId, Paths = vanished.ToArray() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task SetStatusAsync(Guid id, string status, IReadOnlyList<string> reasons, string? fingerprint = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetStatusSql, new { id, status, reasons = reasons.ToArray(), fingerprint }, cancellationToken: ct));
    }

    /// <summary>The running encode's progress (0–1), speed and seconds left; nulls clear them.</summary>
    public async Task SetLiveAsync(Guid id, double? progress, double? fps, double? etaSeconds, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetLiveSql, new { id, progress, fps, etaSeconds }, cancellationToken: ct));
    }

    /// <summary>Queued, encoding and verifying files of every library, the running first.</summary>
    public async Task<IReadOnlyList<CatalogFile>> QueueAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<CatalogFile>(new CommandDefinition(SelectQueueSql, cancellationToken: ct))).ToList();
    }

    public async Task SetForecastAsync(Guid id, long bytes, double seconds, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetForecastSql, new { id, bytes, seconds }, cancellationToken: ct));
    }

    public async Task SetResultAsync(Guid id, long bytes, double seconds, string encoder, double? ssim, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetResultSql, new { id, bytes, seconds, encoder, ssim }, cancellationToken: ct));
    }

    /// <summary>Moves every planned file of the library to queued; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> QueuePlannedAsync(Guid libraryId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(QueuePlannedSql, new { libraryId }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<CatalogFile>> QueuedAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<CatalogFile>(new CommandDefinition(SelectQueuedSql, cancellationToken: ct))).ToList();
    }

    public async Task ResetAttemptsAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(ResetAttemptsSql, new { id }, cancellationToken: ct));
    }

    public async Task<int> CountAttemptAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(AttemptSql, new { id }, cancellationToken: ct));
    }
}
