using Dapper;
using Gilgamesh.Modules.Highlights.Content;
using Npgsql;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary><c>highlights.transcript_words</c>: each sentence's words and times, rewritten whole per job.</summary>
internal sealed class TranscriptWordStore(NpgsqlDataSource dataSource)
{
    public async Task ReplaceAsync(Guid jobId, IReadOnlyList<LectureSentence> sentences, CancellationToken ct)
    {
        const string delete = "delete from highlights.transcript_words where job_id = @jobId";
        const string insert = """
            insert into highlights.transcript_words (job_id, segment_index, word_index, start_s, end_s, text, approximate)
            values (@JobId, @SegmentIndex, @WordIndex, @Start, @End, @Text, @Approximate)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(delete, new { jobId }, tx, cancellationToken: ct));
        var rows = sentences.SelectMany(s => s.Words.Select((w, i) => new
        {
            JobId = jobId, SegmentIndex = s.Index, WordIndex = i, w.Start, w.End, w.Text, Approximate = s.WordsApproximate,
        }));
        await connection.ExecuteAsync(new CommandDefinition(insert, rows, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<int> CountAsync(Guid jobId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from highlights.transcript_words where job_id = @jobId", new { jobId }, cancellationToken: ct));
    }

    /// <summary>Every word of the job in order.</summary>
    public async Task<IReadOnlyList<StoredWord>> ListAsync(Guid jobId, CancellationToken ct)
    {
        const string sql = """
            select segment_index, word_index, start_s, end_s, text, approximate from highlights.transcript_words
             where job_id = @jobId order by segment_index, word_index
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<StoredWord>(new CommandDefinition(sql, new { jobId }, cancellationToken: ct))).ToList();
    }
}

/// <summary>A row of <c>highlights.transcript_words</c>.</summary>
internal sealed record StoredWord(int SegmentIndex, int WordIndex, double StartS, double EndS, string Text, bool Approximate);
