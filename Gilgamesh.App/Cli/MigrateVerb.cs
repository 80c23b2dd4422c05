using Gilgamesh.App.Hosting;
using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Modules;
using Npgsql;

namespace Gilgamesh.App.Cli;

/// <summary><c>gilgamesh migrate</c>: apply pending migrations of every schema and exit.</summary>
internal static class MigrateVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = VerbConfiguration.Build(args);
        using var loggerFactory = LoggerFactory.Create(GilgameshHost.ConfigureLogging);
        var logger = loggerFactory.CreateLogger("Gilgamesh.Migrate");
        DapperConventions.Apply();

        var options = configuration.GetSection(GilgameshOptions.Section).Get<GilgameshOptions>() ?? new GilgameshOptions();
        var catalog = ModuleCatalog.Discover([typeof(IGilgameshModule).Assembly, .. ModuleCatalog.LoadExtraAssemblies(options.ModuleAssemblies)]);
        var database = await DatabaseBootstrap.StartAsync(configuration, logger);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            var migrator = new SchemaMigrator(dataSource, loggerFactory.CreateLogger<SchemaMigrator>());
            var applied = await migrator.MigrateAsync(catalog.Schemas, DatabaseBootstrap.MigrationsRoot(configuration));
            Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied {applied.Count}: {string.Join(", ", applied)}");
            return 0;
        }
        finally
        {
            if (database.Embedded is not null) await database.Embedded.StopAsync();
        }
    }
}
