using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Database.Embedded;
using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.App.Hosting;

/// <summary>Decides where the database is: the configured server, or the embedded cluster under the data dir.</summary>
internal static class DatabaseBootstrap
{
    internal sealed record Started(string ConnectionString, EmbeddedPostgresCluster? Embedded);

    public static async Task<Started> StartAsync(IConfiguration configuration, ILogger logger, CancellationToken ct = default)
    {
        var external = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(external))
        {
            logger.LogInformation("Using the PostgreSQL server from ConnectionStrings:Postgres");
            return new Started(external, null);
        }

        var options = configuration.GetSection(GilgameshOptions.Section).Get<GilgameshOptions>() ?? new GilgameshOptions();
        var databaseOptions = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var cluster = new EmbeddedPostgresCluster(options.DataDirFullPath, databaseOptions, logger);
        var connectionString = await cluster.StartAsync(ct);
        return new Started(connectionString, cluster);
    }

    public static string MigrationsRoot(IConfiguration configuration)
    {
        var configured = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrationsPath)}"];
        return string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "migrations") : Path.GetFullPath(configured);
    }
}
