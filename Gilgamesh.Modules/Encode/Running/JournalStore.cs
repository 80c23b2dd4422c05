using Dapper;
using Npgsql;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary><c>encode.journal</c>.</summary>
internal sealed class JournalStore(NpgsqlDataSource db)
{
    private const string Columns = "id, file_id, original_path, output_path, target_path, archive_path, step, original_sha256, output_sha256";

    private const string InsertSql = """
        insert into encode.journal (id, file_id, original_path, output_path, target_path, archive_path, step)
        values (@Id, @FileId, @OriginalPath, @OutputPath, @TargetPath, @ArchivePath, @Step)
        """;

    private const string AdvanceSql = """
        update encode.journal set step = @Step, original_sha256 = @OriginalSha256, output_sha256 = @OutputSha256, updated_at = now() where id = @Id
        """;

    private const string OpenSql = $"select {Columns} from encode.journal where step not in ('done', 'rolled-back') order by updated_at";

    public async Task InsertAsync(JournalEntry entry, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, entry, cancellationToken: ct));
    }

    /// <summary>Writes the entry's step and hashes; commits before the caller takes the next step.</summary>
    public async Task AdvanceAsync(JournalEntry entry, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(AdvanceSql, entry, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<JournalEntry>> OpenAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<JournalEntry>(new CommandDefinition(OpenSql, cancellationToken: ct))).ToList();
    }
}
