using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>Writes and reads <c>platform.model_calls</c> (migration 0010).</summary>
internal sealed class ModelCallStore(NpgsqlDataSource dataSource)
{
    private const string InsertSql = """
        insert into platform.model_calls (id, started_at, model, purpose, job_id, latency_ms, prompt_tokens, completion_tokens, outcome, error)
        values (@Id, @StartedAt, @Model, @Purpose, @JobId, @LatencyMs, @PromptTokens, @CompletionTokens, @Outcome, @Error)
        """;

    private const string RecentSql = """
        select id, started_at, model, purpose, job_id, latency_ms, prompt_tokens, completion_tokens, outcome, error
        from platform.model_calls order by started_at desc, id limit @Limit
        """;

    public async Task AddAsync(ModelCallRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, record, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ModelCallRecord>> RecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ModelCallRecord>(new CommandDefinition(RecentSql, new { Limit = limit }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return rows.ToList();
    }
}
