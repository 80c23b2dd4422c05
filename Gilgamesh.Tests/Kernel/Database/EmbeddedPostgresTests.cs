using Dapper;
using Gilgamesh.Tests.Support;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Database;

/// <summary>The zero-configuration path: the app binary with no connection string runs its own cluster.</summary>
public sealed class EmbeddedPostgresTests
{
    private TempDirectory _dataDir = null!;

    [SetUp]
    public void SetUp() => _dataDir = new TempDirectory("gilgamesh-embedded");

    [TearDown]
    public async Task TearDownAsync()
    {
        // Whatever a test left running (it may have killed the app) is stopped before the folder goes.
        var cluster = new Gilgamesh.Modules.Kernel.Database.Embedded.EmbeddedPostgresCluster(
            _dataDir.Path, new Gilgamesh.Modules.Kernel.Database.DatabaseOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await cluster.StopAsync();
        _dataDir.Dispose();
    }

    private string ClusterDir => _dataDir.Combine("postgres");

    private async Task<NpgsqlConnection> ConnectAsync()
    {
        var port = int.Parse(await File.ReadAllTextAsync(_dataDir.Combine("secrets", "postgres-port")));
        var password = (await File.ReadAllTextAsync(_dataDir.Combine("secrets", "postgres-password"))).Trim();
        var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=gilgamesh;Password={password};Database=gilgamesh;Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    [Test]
    public async Task Start_WithFreshDataDir_IsReadyWithEverySchemaOnLoopbackOnly()
    {
        await using var app = await AppProcess.StartAsync(_dataDir.Path);

        await using var connection = await ConnectAsync();
        var schemas = (await connection.QueryAsync<string>("select nspname from pg_namespace")).ToList();
        Assert.That(schemas, Is.SupersetOf(new[] { "platform", "hangfire", "probe" }));
        Assert.That(await connection.ExecuteScalarAsync<string>("show listen_addresses"), Is.EqualTo("127.0.0.1"));
        Assert.That(File.GetUnixFileMode(_dataDir.Combine("secrets", "postgres-password")),
            Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the generated password is private");
        Assert.That(File.Exists(Path.Combine(ClusterDir, "PG_VERSION")), "the cluster lives in <DataDir>/postgres");
    }

    [Test]
    public async Task Restart_AfterCleanStop_ReusesTheClusterAndItsData()
    {
        await using (var first = await AppProcess.StartAsync(_dataDir.Path))
        {
            await using var connection = await ConnectAsync();
            await connection.ExecuteAsync("create table public.marker (v text); insert into public.marker values ('kept')");
            await first.StopAsync();
            Assert.That(File.Exists(Path.Combine(ClusterDir, "postmaster.pid")), Is.False, "the app stops its server on exit");
        }

        await using var second = await AppProcess.StartAsync(_dataDir.Path);
        await using var again = await ConnectAsync();
        Assert.That(await again.ExecuteScalarAsync<string>("select v from public.marker"), Is.EqualTo("kept"));
        Assert.That(second.Output, Does.Not.Contain("Initialising embedded PostgreSQL"), "no second initdb");
    }

    [Test]
    public async Task KillDashNine_OfAppAndServer_ThenStart_RecoversFromStalePidWithDataIntact()
    {
        var app = await AppProcess.StartAsync(_dataDir.Path);
        await using (var connection = await ConnectAsync())
            await connection.ExecuteAsync("create table public.marker (v text); insert into public.marker values ('survives')");
        var postmasterPid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(ClusterDir, "postmaster.pid")))[0]);

        await app.KillAsync();
        System.Diagnostics.Process.GetProcessById(postmasterPid).Kill(); // as a power cut would
        await WaitUntilGoneAsync(postmasterPid);
        await app.DisposeAsync();
        Assert.That(File.Exists(Path.Combine(ClusterDir, "postmaster.pid")), "the crash left a stale pid file");

        await using var restarted = await AppProcess.StartAsync(_dataDir.Path);
        await using var again = await ConnectAsync();
        Assert.That(await again.ExecuteScalarAsync<string>("select v from public.marker"), Is.EqualTo("survives"));
        Assert.That(restarted.Output, Does.Contain("stale"));
    }

    [Test]
    public async Task KillDashNine_OfAppOnly_ThenStart_ReusesTheServerStillRunning()
    {
        var app = await AppProcess.StartAsync(_dataDir.Path);
        var postmasterPid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(ClusterDir, "postmaster.pid")))[0]);
        await app.KillAsync();
        await app.DisposeAsync();

        await using var restarted = await AppProcess.StartAsync(_dataDir.Path);

        Assert.That(restarted.Output, Does.Contain("Reusing embedded PostgreSQL"));
        Assert.That(System.Diagnostics.Process.GetProcessById(postmasterPid).HasExited, Is.False);
    }

    [Test]
    public async Task Start_WhenServerProgramsAreMissing_ExitsWithMessageNamingThePackage()
    {
        var empty = _dataDir.Combine("no-bin");
        Directory.CreateDirectory(empty);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => AppProcess.StartAsync(_dataDir.Path,
            environment: new Dictionary<string, string> { ["Database__EmbeddedBinDir"] = empty }));

        Assert.That(error!.Message, Does.Contain("install the Debian package 'postgresql'").IgnoreCase);
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            try { if (System.Diagnostics.Process.GetProcessById(pid).HasExited) return; }
            catch (ArgumentException) { return; }
            await Task.Delay(100);
        }
    }
}
