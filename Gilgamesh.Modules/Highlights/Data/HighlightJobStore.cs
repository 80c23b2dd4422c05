using System.Text.Json;
using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Highlights.Data;

/// <summary>Reads and writes <c>highlights.jobs</c>; the only class that knows the table.</summary>
internal sealed class HighlightJobStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        id, owner_id, media_id, kernel_job_id, status, options::text as options, transcript_source, analyzer,
        error_code, error_message, created_at, updated_at, source::text as source
        """;

    public async Task InsertAsync(Guid id, Guid ownerId, Guid mediaId, string optionsJson, CancellationToken ct)
    {
        const string sql = """
            insert into highlights.jobs (id, owner_id, media_id, status, options) values (@id, @ownerId, @mediaId, 'queued', @optionsJson::jsonb)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, ownerId, mediaId, optionsJson }, cancellationToken: ct));
    }

    public async Task<HighlightJob?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<HighlightJob>(new CommandDefinition(
            $"select {Columns} from highlights.jobs where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task SetKernelJobAsync(Guid id, Guid kernelJobId, CancellationToken ct)
    {
        const string sql = "update highlights.jobs set kernel_job_id = @kernelJobId, updated_at = now() where id = @id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, kernelJobId }, cancellationToken: ct));
    }

    public async Task SetSourceAsync(Guid id, SourceFacts source, CancellationToken ct)
    {
        const string sql = "update highlights.jobs set source = @json::jsonb, updated_at = now() where id = @id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, json = JsonSerializer.Serialize(source, Json) }, cancellationToken: ct));
    }

    public static SourceFacts? SourceOf(HighlightJob job) => job.Source is { } json ? JsonSerializer.Deserialize<SourceFacts>(json, Json) : null;

    public async Task SetStatusAsync(Guid id, string status, string? transcriptSource, string? analyzer, string? errorCode, string? errorMessage, CancellationToken ct)
    {
        const string sql = """
            update highlights.jobs
               set status = @status,
                   transcript_source = coalesce(@transcriptSource, transcript_source),
                   analyzer = coalesce(@analyzer, analyzer),
                   error_code = @errorCode,
                   error_message = @errorMessage,
                   updated_at = now()
             where id = @id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { id, status, transcriptSource, analyzer, errorCode, errorMessage }, cancellationToken: ct));
    }
}
