using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Database;

/// <summary>
/// Applies <c>migrations/&lt;schema&gt;/NNNN_*.sql</c> in order, each once, each in its own transaction, journaled
/// with its SHA-256 in <c>platform.schema_migrations</c>. A PostgreSQL advisory lock makes instances that
/// start together take turns, so every file runs exactly once. See docs/adr/0003-own-migration-runner.md.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    /// <summary>Arbitrary constant: the advisory lock key every Gilgamesh instance uses for migrations.</summary>
    private const long LockKey = 0x4749_4C47_414D_0001;

    private const string CreateJournal = """
        create schema if not exists platform;
        create table if not exists platform.schema_migrations (
            schema_name text not null,
            file_name   text not null,
            sha256      text not null,
            applied_at  timestamptz not null default now(),
            primary key (schema_name, file_name)
        );
        """;

    private const string SelectApplied = """
        select file_name as FileName, sha256 as Sha256 from platform.schema_migrations where schema_name = @schema
        """;

    private const string InsertJournal = """
        insert into platform.schema_migrations (schema_name, file_name, sha256) values (@Schema, @FileName, @Sha256)
        """;

    /// <summary>Migrates the schemas in the given order; returns the files applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IEnumerable<string> schemas, string migrationsRoot, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateJournal, cancellationToken: ct));
            var applied = new List<string>();
            foreach (var schema in schemas)
                applied.AddRange(await MigrateSchemaAsync(connection, schema, migrationsRoot, ct));
            return applied;
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    private async Task<IEnumerable<string>> MigrateSchemaAsync(NpgsqlConnection connection, string schema, string root, CancellationToken ct)
    {
        var files = MigrationFile.ReadFolder(root, schema);
        var journal = (await connection.QueryAsync<(string FileName, string Sha256)>(
                new CommandDefinition(SelectApplied, new { schema }, cancellationToken: ct)))
            .ToDictionary(r => r.FileName, r => r.Sha256);

        var appliedNow = new List<string>();
        foreach (var file in files)
        {
            if (journal.TryGetValue(file.FileName, out var sha))
            {
                if (sha != file.Sha256) throw new MigrationChecksumException(file.DisplayPath);
                continue;
            }

            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(
                $"create schema if not exists \"{schema}\"; set local search_path to \"{schema}\", public;", transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(file.Sql, transaction: tx, cancellationToken: ct, commandTimeout: 600));
            await connection.ExecuteAsync(new CommandDefinition(InsertJournal, file, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            logger.LogInformation("Applied migration {Migration}", file.DisplayPath);
            appliedNow.Add(file.DisplayPath);
        }
        foreach (var missing in journal.Keys.Except(files.Select(f => f.FileName)))
            logger.LogWarning("Migration migrations/{Schema}/{File} is in the journal but no longer on disk", schema, missing);
        return appliedNow;
    }
}
