using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary><c>highlights.processing_log</c>: what each step did and decided, in words (which transcript, which analyzer, why).</summary>
internal sealed class ProcessingLogStore(NpgsqlDataSource dataSource)
{
    public async Task AppendAsync(Guid jobId, string step, string level, string message, CancellationToken ct)
    {
        const string sql = "insert into highlights.processing_log (job_id, step, level, message) values (@jobId, @step, @level, @message)";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { jobId, step, level, message }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<(string Step, string Level, string Message)>> ListAsync(Guid jobId, CancellationToken ct)
    {
        const string sql = "select step, level, message from highlights.processing_log where job_id = @jobId order by id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<(string, string, string)>(new CommandDefinition(sql, new { jobId }, cancellationToken: ct))).ToList();
    }
}
