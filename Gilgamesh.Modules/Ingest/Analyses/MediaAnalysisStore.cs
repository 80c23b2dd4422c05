using System.Text.Json;
using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>Reads and writes <c>ingest.media_analyses</c>; re-running an analysis replaces its row.</summary>
internal sealed class MediaAnalysisStore(NpgsqlDataSource dataSource)
{
    public async Task SaveAsync(Guid mediaId, string kind, object result, CancellationToken ct)
    {
        const string sql = """
            insert into ingest.media_analyses (media_id, kind, result) values (@mediaId, @kind, @json::jsonb)
            on conflict (media_id, kind) do update set result = excluded.result, updated_at = now()
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { mediaId, kind, json = JsonSerializer.Serialize(result) }, cancellationToken: ct));
    }

    public async Task<MediaAnalyses> GetAsync(Guid mediaId, CancellationToken ct)
    {
        const string sql = "select kind, result::text from ingest.media_analyses where media_id = @mediaId";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<(string Kind, string Result)>(new CommandDefinition(sql, new { mediaId }, cancellationToken: ct)))
            .ToDictionary(r => r.Kind, r => JsonDocument.Parse(r.Result).RootElement.Clone());
        return new MediaAnalyses(mediaId, Find(rows, AnalysisKinds.Scenes), Find(rows, AnalysisKinds.Ocr), Find(rows, AnalysisKinds.Transcript));
    }

    private static JsonElement? Find(Dictionary<string, JsonElement> rows, string kind) => rows.TryGetValue(kind, out var v) ? v : null;
}
