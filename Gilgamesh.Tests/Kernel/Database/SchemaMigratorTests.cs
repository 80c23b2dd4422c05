using Dapper;
using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Database;

public sealed class SchemaMigratorTests
{
    private TempDirectory _migrations = null!;
    private NpgsqlDataSource _dataSource = null!;
    private string _connectionString = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _migrations = new TempDirectory("gilgamesh-migrations");
        Directory.CreateDirectory(_migrations.Combine("alpha"));
        await File.WriteAllTextAsync(_migrations.Combine("alpha", "0001_create_things.sql"),
            "create table things (id int primary key, name text);");
        // Counts its own executions: a second run would insert a second row.
        await File.WriteAllTextAsync(_migrations.Combine("alpha", "0002_count_runs.sql"),
            "create table if not exists runs (n int); insert into runs values (1);");
        _connectionString = await TestDatabase.CreateAsync("migr");
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _dataSource.DisposeAsync();
        _migrations.Dispose();
    }

    private SchemaMigrator Migrator() => new(_dataSource, NullLogger<SchemaMigrator>.Instance);

    [Test]
    public async Task Migrate_OnEmptyDatabase_AppliesFilesInOrderAndJournalsThem()
    {
        var applied = await Migrator().MigrateAsync(["alpha"], _migrations.Path);

        Assert.That(applied, Is.EqualTo(new[] { "migrations/alpha/0001_create_things.sql", "migrations/alpha/0002_count_runs.sql" }));
        await using var connection = await _dataSource.OpenConnectionAsync();
        var journal = (await connection.QueryAsync<string>(
            "select file_name from platform.schema_migrations where schema_name = 'alpha' order by file_name")).ToList();
        Assert.That(journal, Is.EqualTo(new[] { "0001_create_things.sql", "0002_count_runs.sql" }));
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from alpha.things"), Is.Zero, "table created in the module's schema");
    }

    [Test]
    public async Task Migrate_RunAgain_IsANoOp()
    {
        await Migrator().MigrateAsync(["alpha"], _migrations.Path);
        var second = await Migrator().MigrateAsync(["alpha"], _migrations.Path);

        Assert.That(second, Is.Empty);
        await using var connection = await _dataSource.OpenConnectionAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from alpha.runs"), Is.EqualTo(1));
    }

    [Test]
    public async Task Migrate_WhenAppliedFileWasEdited_RefusesNamingTheFile()
    {
        await Migrator().MigrateAsync(["alpha"], _migrations.Path);
        await File.AppendAllTextAsync(_migrations.Combine("alpha", "0001_create_things.sql"), "\n-- a later edit\n");

        var error = Assert.ThrowsAsync<MigrationChecksumException>(() => Migrator().MigrateAsync(["alpha"], _migrations.Path));
        Assert.That(error!.Message, Does.Contain("migrations/alpha/0001_create_things.sql"));
        Assert.That(error.Code, Is.EqualTo("database.migration_checksum_mismatch"));
    }

    [Test]
    public async Task Migrate_WhenLineEndingsChangeToCrlf_DoesNotCountAsAnEdit()
    {
        await Migrator().MigrateAsync(["alpha"], _migrations.Path);
        var path = _migrations.Combine("alpha", "0002_count_runs.sql");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\n", "\r\n") + "");

        Assert.That(await Migrator().MigrateAsync(["alpha"], _migrations.Path), Is.Empty);
    }

    [Test]
    public async Task Migrate_WhenAFileFails_RollsItBackAndLeavesItUnjournaled()
    {
        await File.WriteAllTextAsync(_migrations.Combine("alpha", "0003_broken.sql"),
            "create table half_done (id int); select * from no_such_table;");

        Assert.ThrowsAsync<PostgresException>(() => Migrator().MigrateAsync(["alpha"], _migrations.Path));

        await using var connection = await _dataSource.OpenConnectionAsync();
        Assert.That(await connection.ExecuteScalarAsync<bool>("select to_regclass('alpha.half_done') is not null"), Is.False);
        Assert.That(await connection.ExecuteScalarAsync<int>(
            "select count(*) from platform.schema_migrations where file_name = '0003_broken.sql'"), Is.Zero);
    }

    [Test]
    public async Task Migrate_TwoMigratorsAtOnce_ApplyEachFileOnce()
    {
        // Make each file slow enough that the two runs overlap without the lock.
        await File.WriteAllTextAsync(_migrations.Combine("alpha", "0003_slow.sql"),
            "select pg_sleep(0.5); insert into runs values (3);");
        await using var other = NpgsqlDataSource.Create(_connectionString);
        var second = new SchemaMigrator(other, NullLogger<SchemaMigrator>.Instance);

        var results = await Task.WhenAll(
            Migrator().MigrateAsync(["alpha"], _migrations.Path),
            second.MigrateAsync(["alpha"], _migrations.Path));

        Assert.That(results.Sum(r => r.Count), Is.EqualTo(3), "three files applied in total across both");
        await using var connection = await _dataSource.OpenConnectionAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("select count(*) from alpha.runs"), Is.EqualTo(2), "0002 and 0003 each ran once");
    }

    [Test]
    public async Task Migrate_WhenFileNameIsNotNumbered_RefusesWithTheNamingRule()
    {
        await File.WriteAllTextAsync(_migrations.Combine("alpha", "add_column.sql"), "select 1;");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => Migrator().MigrateAsync(["alpha"], _migrations.Path));
        Assert.That(error!.Message, Does.Contain("add_column.sql").And.Contain("NNNN_description.sql"));
    }
}
