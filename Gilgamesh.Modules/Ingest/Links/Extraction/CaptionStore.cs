using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Ingest.Links.Extraction;

/// <summary>Reads and writes <c>ingest.media_captions</c>.</summary>
internal sealed class CaptionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Language of captions supplied without one (ISO 639-2 "undetermined").</summary>
    public const string UnknownLanguage = "und";

    public async Task SaveAsync(Guid mediaId, CaptionTrack track, string storageKey, CancellationToken ct)
    {
        const string sql = """
            insert into ingest.media_captions (media_id, language, format, automatic, storage_key, source_url)
            values (@mediaId, @Language, @Format, @Automatic, @storageKey, @sourceUrl)
            on conflict (media_id, language) do update set format = excluded.format, automatic = excluded.automatic,
                storage_key = excluded.storage_key, source_url = excluded.source_url
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql,
            new { mediaId, track.Language, track.Format, track.Automatic, storageKey, sourceUrl = track.Url.AbsoluteUri }, cancellationToken: ct));
    }

    /// <summary>Records captions a person supplied with an item (an upload has no source URL).</summary>
    public async Task SaveSuppliedAsync(Guid mediaId, string language, string format, string storageKey, CancellationToken ct)
    {
        const string sql = """
            insert into ingest.media_captions (media_id, language, format, automatic, storage_key, source_url)
            values (@mediaId, @language, @format, false, @storageKey, null)
            on conflict (media_id, language) do update set format = excluded.format, automatic = false,
                storage_key = excluded.storage_key, source_url = null
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { mediaId, language, format, storageKey }, cancellationToken: ct));
    }

    /// <summary>The item's preferred caption file (written by a person before automatic ones), if any.</summary>
    public async Task<StoredCaption?> FindAsync(Guid mediaId, CancellationToken ct)
    {
        const string sql = """
            select storage_key, format, language from ingest.media_captions where media_id = @mediaId
            order by automatic, language limit 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<StoredCaption>(new CommandDefinition(sql, new { mediaId }, cancellationToken: ct));
    }

    /// <summary>The storage key of the item's first caption file (uploaded before automatic), if any.</summary>
    public async Task<string?> FindKeyAsync(Guid mediaId, CancellationToken ct)
    {
        const string sql = """
            select storage_key from ingest.media_captions where media_id = @mediaId order by automatic, language limit 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(sql, new { mediaId }, cancellationToken: ct));
    }
}

/// <summary>A caption file of an item: where it is stored, <c>vtt</c> or <c>srt</c>, and its language.</summary>
internal sealed record StoredCaption
{
    public string StorageKey { get; init; } = "";
    public string Format { get; init; } = "";
    public string Language { get; init; } = CaptionStore.UnknownLanguage;
}
