using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Database.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gilgamesh.Tests.Support;


/// <summary>
/// The suite's throwaway PostgreSQL: one embedded cluster started the same way the app starts its own,
/// with a fresh database per test that needs isolation.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TempDirectory? _dir;
    private static EmbeddedPostgresCluster? _cluster;
    private static string? _adminConnectionString;
    private static int _counter;

    /// <summary>Connection string of the cluster's maintenance database; starts the cluster on first use.</summary>
    public static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_adminConnectionString is not null) return _adminConnectionString;
            DapperConventions.Apply();
            _dir = new TempDirectory("gilgamesh-pg");
            _cluster = new EmbeddedPostgresCluster(_dir.Path, new DatabaseOptions { EmbeddedDatabase = "postgres" }, NullLogger.Instance);
            _adminConnectionString = await _cluster.StartAsync();
            return _adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    internal static async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null) await _cluster.StopAsync();
        _dir?.Dispose();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string purpose = "t")
    {
        var name = $"{purpose}_{Interlocked.Increment(ref _counter)}_{Guid.NewGuid():N}"[..Math.Min(60, purpose.Length + 20)].ToLowerInvariant();
        var admin = await AdminConnectionStringAsync();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}

