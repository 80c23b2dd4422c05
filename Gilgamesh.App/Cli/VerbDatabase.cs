using Gilgamesh.App.Hosting;
using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Modules;
using Npgsql;

namespace Gilgamesh.App.Cli;

/// <summary>
/// The database for a verb that runs without the web host: started (embedded) or reached (external),
/// migrated for every module the host would load, and stopped again on dispose if this verb started it.
/// </summary>
internal sealed class VerbDatabase : IAsyncDisposable
{
    private readonly DatabaseBootstrap.Started _started;

    private VerbDatabase(DatabaseBootstrap.Started started, NpgsqlDataSource dataSource, IReadOnlyList<string> applied)
    {
        _started = started;
        DataSource = dataSource;
        Applied = applied;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Migrations this open applied (empty when the database was up to date).</summary>
    public IReadOnlyList<string> Applied { get; }

    public static async Task<VerbDatabase> OpenAsync(IConfiguration configuration, ILoggerFactory loggers)
    {
        DapperConventions.Apply();
        var options = configuration.GetSection(GilgameshOptions.Section).Get<GilgameshOptions>() ?? new GilgameshOptions();
        var catalog = ModuleCatalog.Discover([typeof(IGilgameshModule).Assembly, .. ModuleCatalog.LoadExtraAssemblies(options.ModuleAssemblies)]);
        var started = await DatabaseBootstrap.StartAsync(configuration, loggers.CreateLogger("Gilgamesh.Database"));
        var dataSource = NpgsqlDataSource.Create(started.ConnectionString);
        try
        {
            var applied = await new SchemaMigrator(dataSource, loggers.CreateLogger<SchemaMigrator>())
                .MigrateAsync(catalog.Schemas, DatabaseBootstrap.MigrationsRoot(configuration));
            return new VerbDatabase(started, dataSource, applied);
        }
        catch
        {
            await dataSource.DisposeAsync();
            if (started.Embedded is not null) await started.Embedded.StopAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (_started.Embedded is not null) await _started.Embedded.StopAsync();
    }
}
