using Dapper;
using Gilgamesh.Modules.Highlights.Content;
using Npgsql;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary>
/// <c>highlights.transcript_segments</c>: the job's sentences, rewritten whole (a retried step replaces, never
/// appends). Words live in <see cref="TranscriptWordStore"/>.
/// </summary>
internal sealed class TranscriptSegmentStore(NpgsqlDataSource dataSource)
{
    public async Task ReplaceAsync(Guid jobId, IReadOnlyList<LectureSentence> sentences, string source, CancellationToken ct)
    {
        const string delete = "delete from highlights.transcript_segments where job_id = @jobId";
        const string insert = """
            insert into highlights.transcript_segments (job_id, seq, start_s, end_s, text, source)
            values (@JobId, @Seq, @Start, @End, @Text, @Source)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(delete, new { jobId }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(insert,
            sentences.Select(s => new { JobId = jobId, Seq = s.Index, s.Start, s.End, s.Text, Source = source }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<(int Seq, double Start, double End, string Text)>> ListAsync(Guid jobId, CancellationToken ct)
    {
        const string sql = "select seq, start_s, end_s, text from highlights.transcript_segments where job_id = @jobId order by seq";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(int, double, double, string)>(new CommandDefinition(sql, new { jobId }, cancellationToken: ct));
        return rows.ToList();
    }
}
