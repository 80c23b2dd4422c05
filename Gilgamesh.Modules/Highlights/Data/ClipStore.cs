using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary>
/// <c>highlights.clips</c>. Selection replaces the job's clips in one transaction, so a retried step leaves
/// exactly one set (the table is also unique on job and rank).
/// </summary>
internal sealed class ClipStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, job_id, rank, start_s, end_s, score, reasons::text as reasons, title, chapter_index, status, video_key, thumbnail_key,
        subtitles_key, revision
        """;

    public async Task ReplaceAsync(Guid jobId, IReadOnlyList<HighlightClip> clips, CancellationToken ct)
    {
        const string delete = "delete from highlights.clips where job_id = @jobId";
        const string insert = """
            insert into highlights.clips (id, job_id, rank, start_s, end_s, score, reasons, title, chapter_index)
            values (@Id, @JobId, @Rank, @StartS, @EndS, @Score, @Reasons::jsonb, @Title, @ChapterIndex)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(delete, new { jobId }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(insert, clips, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<HighlightClip>> ListAsync(Guid jobId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<HighlightClip>(new CommandDefinition(
            $"select {Columns} from highlights.clips where job_id = @jobId order by rank", new { jobId }, cancellationToken: ct))).ToList();
    }

    public async Task<HighlightClip?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<HighlightClip>(new CommandDefinition(
            $"select {Columns} from highlights.clips where id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Marks the clip's render under way, unless a later edit has moved it past <paramref name="revision"/>.</summary>
    public async Task<bool> MarkRenderingAsync(Guid id, int revision, CancellationToken ct)
    {
        const string sql = "update highlights.clips set status = 'rendering' where id = @id and revision = @revision";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id, revision }, cancellationToken: ct)) == 1;
    }

    /// <summary>Records the rendered files of <paramref name="revision"/>; false when the clip was edited meanwhile (its files are stale).</summary>
    public async Task<bool> SetRenderedAsync(Guid id, int revision, string videoKey, string thumbnailKey, string? subtitlesKey, CancellationToken ct)
    {
        const string sql = """
            update highlights.clips set status = 'rendered', video_key = @videoKey, thumbnail_key = @thumbnailKey, subtitles_key = @subtitlesKey
             where id = @id and revision = @revision
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { id, revision, videoKey, thumbnailKey, subtitlesKey }, cancellationToken: ct)) == 1;
    }

    /// <summary>Moves a clip's in/out: a new revision whose files do not exist yet. Returns it, or null when there is no such clip.</summary>
    public async Task<HighlightClip?> MoveAsync(Guid id, double start, double end, CancellationToken ct)
    {
        var sql = $"""
            update highlights.clips
               set start_s = @start, end_s = @end, revision = revision + 1, status = 'rendering', video_key = null, thumbnail_key = null,
                   subtitles_key = null, edited_at = now()
             where id = @id
            returning {Columns}
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<HighlightClip>(new CommandDefinition(sql, new { id, start, end }, cancellationToken: ct));
    }
}
