using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>Reads and writes <c>ingest.upload_sessions</c>; the only class that knows the table.</summary>
internal sealed class UploadSessionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, owner_id, display_name, size_bytes, chunk_size, chunk_count, sha256, received, chunk_writes, status, media_id,
        created_at, expires_at
        """;

    public async Task InsertAsync(UploadSession session, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into ingest.upload_sessions (id, owner_id, display_name, size_bytes, chunk_size, chunk_count, sha256, status, media_id, expires_at)
            values (@Id, @OwnerId, @DisplayName, @SizeBytes, @ChunkSize, @ChunkCount, @Sha256, 'open', @MediaId, @ExpiresAt)
            """, session, cancellationToken: ct));
    }

    public async Task<UploadSession?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<UploadSession>(new CommandDefinition(
            $"select {Columns} from ingest.upload_sessions where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Marks a chunk as arrived (once) and counts the write; pushes the expiry out. Null when the session is not open.</summary>
    public async Task<UploadSession?> RecordChunkAsync(Guid id, int index, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<UploadSession>(new CommandDefinition($"""
            update ingest.upload_sessions
               set received = case when @index = any(received) then received else array_append(received, @index) end,
                   chunk_writes = chunk_writes + 1, expires_at = @expiresAt, updated_at = now()
             where id = @id and status = 'open'
            returning {Columns}
            """, new { id, index, expiresAt }, cancellationToken: ct));
    }

    /// <summary>Moves an open session whose chunks have all arrived to completing; false when another request got there first.</summary>
    public async Task<bool> BeginCompletingAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            update ingest.upload_sessions set status = 'completing', updated_at = now()
             where id = @id and status = 'open' and cardinality(received) = chunk_count
            """, new { id }, cancellationToken: ct)) == 1;
    }

    public async Task SetStatusAsync(Guid id, string status, Guid? mediaId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update ingest.upload_sessions set status = @status, media_id = @mediaId, expires_at = @expiresAt, updated_at = now() where id = @id
            """, new { id, status, mediaId, expiresAt }, cancellationToken: ct));
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from ingest.upload_sessions where id = @id", new { id }, cancellationToken: ct)) == 1;
    }

    /// <summary>Deletes sessions past their expiry (never one being completed right now) and returns their ids and media ids.</summary>
    public async Task<IReadOnlyList<(Guid Id, Guid? MediaId)>> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(Guid, Guid?)>(new CommandDefinition("""
            delete from ingest.upload_sessions
             where expires_at < @now and (status <> 'completing' or updated_at < @now - interval '1 day')
            returning id, media_id
            """, new { now }, cancellationToken: ct))).AsList();
    }

    /// <summary>Sessions left in <c>completing</c>: being completed right now, or interrupted by a crash.</summary>
    public async Task<IReadOnlyList<Guid>> CompletingIdsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "select id from ingest.upload_sessions where status = 'completing'", cancellationToken: ct))).AsList();
    }

    /// <summary>The open session that fills in the receiving item <paramref name="mediaId"/>, if any.</summary>
    public async Task<Guid?> OpenIdForMediaAsync(Guid mediaId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(
            "select id from ingest.upload_sessions where media_id = @mediaId and status = 'open' order by created_at desc limit 1",
            new { mediaId }, cancellationToken: ct));
    }

    /// <summary>Deletes the sessions that fill in <paramref name="mediaId"/> and returns their ids (the item is being deleted).</summary>
    public async Task<IReadOnlyList<Guid>> DeleteForMediaAsync(Guid mediaId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "delete from ingest.upload_sessions where media_id = @mediaId returning id", new { mediaId }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Takes the session's completion lock: a PostgreSQL session-level advisory lock held on its own connection for as
    /// long as the completion runs. A crash closes the connection and so releases it, which is how recovery tells an
    /// interrupted completion from one that is still running (on this instance or another). Null when someone holds it.
    /// </summary>
    public async Task<CompletionLock?> TryLockCompletionAsync(Guid id, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    $"select pg_try_advisory_lock({CompletionLock.Key})", new { id }, cancellationToken: ct)))
                return new CompletionLock(connection, id);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Puts an interrupted completion back to open so the client can complete again; false when it was not completing.</summary>
    public async Task<bool> ReopenCompletingAsync(Guid id, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            update ingest.upload_sessions set status = 'open', expires_at = @expiresAt, updated_at = now()
             where id = @id and status = 'completing'
            """, new { id, expiresAt }, cancellationToken: ct)) == 1;
    }

    public async Task<HashSet<Guid>> AllIdsAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Guid>(new CommandDefinition("select id from ingest.upload_sessions", cancellationToken: ct))).ToHashSet();
    }
}
