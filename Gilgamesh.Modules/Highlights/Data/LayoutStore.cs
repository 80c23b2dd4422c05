using System.Text.Json;
using Dapper;
using Gilgamesh.Modules.Analysis.Layout;
using Npgsql;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary><c>highlights.layouts</c>: the job's layout analysis (overall layout and its segments as JSON).</summary>
internal sealed class LayoutStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task UpsertAsync(Guid jobId, string layout, string segmentsJson, CancellationToken ct)
    {
        const string sql = """
            insert into highlights.layouts (job_id, layout, segments) values (@jobId, @layout, @segmentsJson::jsonb)
            on conflict (job_id) do update set layout = excluded.layout, segments = excluded.segments
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { jobId, layout, segmentsJson }, cancellationToken: ct));
    }

    public async Task<string?> LayoutAsync(Guid jobId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select layout from highlights.layouts where job_id = @jobId", new { jobId }, cancellationToken: ct));
    }

    /// <summary>The job's layout stretches (empty when the layout step has not run or the media has no video).</summary>
    public async Task<IReadOnlyList<LayoutSegment>> SegmentsAsync(Guid jobId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select segments::text from highlights.layouts where job_id = @jobId", new { jobId }, cancellationToken: ct));
        return json is null ? [] : JsonSerializer.Deserialize<List<LayoutSegment>>(json, Json) ?? [];
    }
}
