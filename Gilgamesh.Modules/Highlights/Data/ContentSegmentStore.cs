using System.Text.Json;
using Dapper;
using Gilgamesh.Modules.Highlights.Content;
using Npgsql;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary>
/// <c>highlights.content_segments</c>: the job's chapters and scored candidates (features and reasons as
/// JSON), rewritten whole by content analysis.
/// </summary>
internal sealed class ContentSegmentStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ReplaceAsync(Guid jobId, ContentAnalysis analysis, CancellationToken ct)
    {
        const string delete = "delete from highlights.content_segments where job_id = @jobId";
        const string insert = """
            insert into highlights.content_segments (job_id, kind, seq, start_s, end_s, title, chapter_index, score, features, reasons)
            values (@JobId, @Kind, @Seq, @Start, @End, @Title, @ChapterIndex, @Score, @Features::jsonb, @Reasons::jsonb)
            """;
        var chapters = analysis.Chapters.Select(c => new Row(jobId, "chapter", c.Index, c.Start, c.End, c.Title, c.Index, null,
            JsonSerializer.Serialize(new { c.TitleSource, c.BoundarySource }, Json), null));
        var candidates = analysis.Candidates.Select((c, i) => new Row(jobId, "candidate", i, c.Start, c.End, null, c.Chapter, c.Score,
            JsonSerializer.Serialize(c.Features, Json), JsonSerializer.Serialize(c.Reasons, Json)));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(delete, new { jobId }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(insert, chapters.Concat(candidates), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<(double Start, double End, string Title)>> ChaptersAsync(Guid jobId, CancellationToken ct)
    {
        const string sql = "select start_s, end_s, title from highlights.content_segments where job_id = @jobId and kind = 'chapter' order by seq";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(double, double, string)>(new CommandDefinition(sql, new { jobId }, cancellationToken: ct))).ToList();
    }

    public async Task<int> CandidateCountAsync(Guid jobId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from highlights.content_segments where job_id = @jobId and kind = 'candidate'", new { jobId }, cancellationToken: ct));
    }

    private sealed record Row(Guid JobId, string Kind, int Seq, double Start, double End, string? Title, int? ChapterIndex, double? Score,
        string? Features, string? Reasons);
}
