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
}
