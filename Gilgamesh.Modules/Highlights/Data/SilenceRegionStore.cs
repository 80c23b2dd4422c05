using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary><c>highlights.silence_regions</c>: the silences stage 1 found, rewritten whole per job.</summary>
internal sealed class SilenceRegionStore(NpgsqlDataSource dataSource)
{
    public async Task ReplaceAsync(Guid jobId, IEnumerable<(double Start, double End, double MeanDb)> silences, CancellationToken ct)
    {
        const string delete = "delete from highlights.silence_regions where job_id = @jobId";
        const string insert = """
            insert into highlights.silence_regions (job_id, seq, start_s, end_s, mean_db) values (@JobId, @Seq, @Start, @End, @MeanDb)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(delete, new { jobId }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(insert,
            silences.Select((s, i) => new { JobId = jobId, Seq = i, s.Start, s.End, s.MeanDb }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<(double Start, double End)>> ListAsync(Guid jobId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(double, double)>(new CommandDefinition(
            "select start_s, end_s from highlights.silence_regions where job_id = @jobId order by seq", new { jobId }, cancellationToken: ct));
        return rows.ToList();
    }
}
