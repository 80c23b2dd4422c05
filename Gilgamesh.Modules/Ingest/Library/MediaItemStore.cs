using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>Reads and writes <c>ingest.media_items</c>; the only class that knows the table.</summary>
internal sealed class MediaItemStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, owner_id, source, source_url, display_name, status, rejected_code, rejected_reason, storage_key,
        content_type, size_bytes, sha256, kind, duration_seconds, width, height, video_codec, audio_codec,
        format_name, previews::text as previews, created_at, updated_at
        """;

    public async Task<MediaItem?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MediaItem>(new CommandDefinition(
            $"select {Columns} from ingest.media_items where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The owner's live item with these bytes, if any (rejected items do not count).</summary>
    public async Task<MediaItem?> FindByHashAsync(Guid ownerId, string sha256, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MediaItem>(new CommandDefinition(
            $"select {Columns} from ingest.media_items where owner_id = @ownerId and sha256 = @sha256 and status <> 'rejected'",
            new { ownerId, sha256 }, cancellationToken: ct));
    }

    /// <summary>
    /// Inserts a ready item unless the owner already has one with the same SHA-256 (a concurrent upload of the
    /// same bytes); returns the row that won and whether it was ours.
    /// </summary>
    public async Task<(MediaItem Item, bool Inserted)> InsertReadyAsync(MediaItem item, CancellationToken ct)
    {
        const string insert = """
            insert into ingest.media_items (id, owner_id, source, source_url, display_name, status, storage_key,
                content_type, size_bytes, sha256, kind, duration_seconds, width, height, video_codec, audio_codec, format_name, previews)
            values (@Id, @OwnerId, @Source, @SourceUrl, @DisplayName, 'ready', @StorageKey,
                @ContentType, @SizeBytes, @Sha256, @Kind, @DurationSeconds, @Width, @Height, @VideoCodec, @AudioCodec, @FormatName,
                @Previews::jsonb)
            on conflict (owner_id, sha256) where sha256 is not null and status <> 'rejected' do nothing
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(insert, item, cancellationToken: ct)) == 1;
        var row = inserted
            ? await GetAsync(item.Id, ct)
            : await FindByHashAsync(item.OwnerId, item.Sha256!, ct);
        return (row ?? throw new InvalidOperationException($"media item {item.Id} vanished after insert"), inserted);
    }

    /// <summary>An item for a file still arriving (a resumable upload): status receiving, no content yet.</summary>
    public async Task InsertReceivingAsync(Guid id, Guid ownerId, string source, string displayName, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into ingest.media_items (id, owner_id, source, display_name, status) values (@id, @ownerId, @source, @displayName, 'receiving')
            """, new { id, ownerId, source, displayName }, cancellationToken: ct));
    }

    /// <summary>Moves an unfinished item (receiving or probing) to another unfinished status or to rejected with code and reason.</summary>
    public async Task<bool> SetPendingStatusAsync(Guid id, string status, string? code, string? reason, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            update ingest.media_items set status = @status, rejected_code = @code, rejected_reason = @reason, updated_at = now()
             where id = @id and status in ('receiving', 'probing')
            """, new { id, status, code, reason }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Fills a receiving item with the classified file and makes it ready. When the owner already has these bytes (a
    /// concurrent upload won), the receiving item is removed and the winner returned with Inserted false.
    /// </summary>
    public async Task<(MediaItem Item, bool Inserted)> CompleteReceivingAsync(MediaItem item, CancellationToken ct)
    {
        const string update = """
            update ingest.media_items set status = 'ready', rejected_code = null, rejected_reason = null, storage_key = @StorageKey,
                content_type = @ContentType, size_bytes = @SizeBytes, sha256 = @Sha256, kind = @Kind, duration_seconds = @DurationSeconds,
                width = @Width, height = @Height, video_codec = @VideoCodec, audio_codec = @AudioCodec, format_name = @FormatName,
                previews = @Previews::jsonb, updated_at = now()
             where id = @Id and status in ('receiving', 'probing')
            """;
        int updated;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            try
            {
                updated = await connection.ExecuteAsync(new CommandDefinition(update, item, cancellationToken: ct));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await DeleteUnfinishedAsync(item.Id, ct);
                return (await FindByHashAsync(item.OwnerId, item.Sha256!, ct)
                        ?? throw new InvalidOperationException($"media item with sha {item.Sha256} vanished"), false);
            }
        }
        // The receiving item went away meanwhile: the file still belongs in the library.
        return updated == 1
            ? (await GetAsync(item.Id, ct) ?? throw new InvalidOperationException($"media item {item.Id} vanished after update"), true)
            : await InsertReadyAsync(item, ct);
    }

    /// <summary>Removes an unfinished item that never got its file (abandoned, expired, or a duplicate); ready and rejected items stay.</summary>
    public async Task<bool> DeleteUnfinishedAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from ingest.media_items where id = @id and status in ('receiving', 'probing')", new { id }, cancellationToken: ct)) == 1;
    }

    /// <summary>Records one preview key (jsonb merge); false when the item no longer exists.</summary>
    public async Task<bool> SetPreviewAsync(Guid id, string name, string key, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update ingest.media_items set previews = previews || jsonb_build_object(@name::text, @key::text), updated_at = now() where id = @id",
            new { id, name, key }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// A page of items, newest first (keyset on created_at, id). <paramref name="ownerId"/> null = everyone's.
    /// The name search is a case-insensitive substring match with LIKE wildcards escaped.
    /// </summary>
    public async Task<IReadOnlyList<MediaItem>> ListAsync(Guid? ownerId, string? nameContains, string? kind, string? status,
        DateTimeOffset? createdFrom, DateTimeOffset? createdTo, (DateTimeOffset Created, Guid Id)? after, int limit, CancellationToken ct)
    {
        var sql = new System.Text.StringBuilder($"select {Columns} from ingest.media_items where true");
        if (ownerId is not null) sql.Append(" and owner_id = @ownerId");
        if (!string.IsNullOrEmpty(nameContains)) sql.Append(@" and display_name ilike @pattern escape '\'");
        if (kind is not null) sql.Append(" and kind = @kind");
        if (status is not null) sql.Append(" and status = @status");
        if (createdFrom is not null) sql.Append(" and created_at >= @createdFrom");
        if (createdTo is not null) sql.Append(" and created_at < @createdTo");
        if (after is not null) sql.Append(" and (created_at, id) < (@afterCreated, @afterId)");
        sql.Append(" order by created_at desc, id desc limit @limit");
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<MediaItem>(new CommandDefinition(sql.ToString(), new
        {
            ownerId, pattern = "%" + EscapeLike(nameContains ?? "") + "%", kind, status, createdFrom, createdTo,
            afterCreated = after?.Created, afterId = after?.Id, limit,
        }, cancellationToken: ct));
        return rows.AsList();
    }

    internal static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from ingest.media_items where id = @id", new { id }, cancellationToken: ct)) == 1;
    }
}
