using Dapper;
using Gilgamesh.Tests.Support;
using Npgsql;

namespace Gilgamesh.Tests;

/// <summary>The App binary's verbs, run as a user runs them.</summary>
public sealed class CommandLineTests
{
    private static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(IDictionary<string, string>? env, params string[] args) =>
        AppCli.RunAsync(env, args);

    [Test]
    public async Task Migrate_OnAnEmptyDatabase_AppliesEverySchemaAndExitsZero()
    {
        var database = await TestDatabase.CreateAsync("cli");
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Gilgamesh__ModuleAssemblies__0"] = typeof(CommandLineTests).Assembly.Location,
        };

        var first = await RunAsync(env, "migrate");
        var second = await RunAsync(env, "migrate");

        Assert.That(first.ExitCode, Is.Zero, first.StdErr);
        Assert.That(first.StdOut, Does.Contain("migrations/platform/0001_jobs.sql").And.Contain("migrations/probe/0001_renders.sql"));
        Assert.That(second.StdOut.Trim(), Is.EqualTo("Database is up to date."));
        await using var connection = new NpgsqlConnection(database);
        var applied = Directory.GetFiles(Path.Combine(RepositoryPaths.TestBin, "migrations"), "*.sql", SearchOption.AllDirectories).Length;
        Assert.That(await connection.ExecuteScalarAsync<long>("select count(*) from platform.schema_migrations"), Is.EqualTo(applied));
    }

    [Test]
    public async Task UserVerbs_AddListResetDisable_ManageAccountsFromTheShell()
    {
        var env = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = await TestDatabase.CreateAsync("users") };

        var add = await RunAsync(env, "user", "add", "carol", "--role", "editor");
        var list = await RunAsync(env, "user", "list");
        var reset = await RunAsync(env, "user", "reset-password", "carol");
        var disable = await RunAsync(env, "user", "disable", "carol");
        var listAfter = await RunAsync(env, "user", "list");
        var duplicate = await RunAsync(env, "user", "add", "carol");

        Assert.That(add.ExitCode, Is.Zero, add.StdErr);
        Assert.That(add.StdOut, Does.Contain("Added carol (editor)").And.Contain("Password: "));
        Assert.That(list.StdOut, Does.Match(@"carol\s+editor\s+active"));
        Assert.That(reset.StdOut, Does.Contain("New password for carol: "));
        Assert.That(disable.ExitCode, Is.Zero);
        Assert.That(listAfter.StdOut, Does.Match(@"carol\s+editor\s+disabled"));
        Assert.That(duplicate.ExitCode, Is.EqualTo(1));
        Assert.That(duplicate.StdErr, Does.Contain("exists"));
    }

    [Test]
    public async Task Analyze_WithUnknownEngine_ExitsTwoNamingIt()
    {
        var result = await RunAsync(null, "analyze", "nosuchengine", "/etc/hostname");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StdErr, Does.Contain("unknown engine 'nosuchengine'"));
        Assert.That(result.StdOut, Is.Empty, "stdout is reserved for results");
    }

    [Test]
    public async Task UnknownVerb_ExitsTwoWithUsage()
    {
        var result = await RunAsync(null, "frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StdErr, Does.Contain("unknown verb 'frobnicate'").And.Contain("Usage: gilgamesh"));
    }

    [Test]
    public async Task Help_PrintsUsageAndExitsZero()
    {
        var result = await RunAsync(null, "help");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StdOut, Does.Contain("migrate").And.Contain("analyze <engine> <file>"));
    }
}
