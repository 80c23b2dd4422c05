using Gilgamesh.Modules.Encode;
using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Jobs.Recovery;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gilgamesh.Tests.Encode;

/// <summary>
/// The encode module's services as the module wires them, on a fresh migrated database, with a library root in
/// /tmp. Jobs are not run by Hangfire here: <see cref="RecordingEncodeQueue"/> records what would be enqueued and the
/// test runs <see cref="FileEncoder"/> itself (the job handler is that one call).
/// </summary>
internal sealed class EncodeHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EncodeHarness(ServiceProvider services, TempDirectory root, EncodeOptions options)
    {
        _services = services;
        Root = root;
        Options = options;
    }

    public TempDirectory Root { get; }
    public EncodeOptions Options { get; }
    public RecordingEncodeQueue Queue => (RecordingEncodeQueue)_services.GetRequiredService<IEncodeQueue>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<EncodeHarness> StartAsync(EncodeFaults? faults = null, Action<EncodeOptions>? configure = null,
        Action<IServiceCollection>? replace = null, Action<BudgetOptions>? budgets = null, params string[] extraRoots)
    {
        var root = new TempDirectory("gilgamesh-encode");
        var options = new EncodeOptions { Roots = [root.Path, .. extraRoots], StableSeconds = 0, VerifySampleEvery = 5 };
        configure?.Invoke(options);
        var budgetOptions = new BudgetOptions();
        budgets?.Invoke(budgetOptions);
        var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync("encode"));
        // platform: the kernel's budget leases (GPU sessions) live there.
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(["platform", "encode"], Path.Combine(RepositoryPaths.Root, "migrations"));
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(dataSource)
            .AddSingleton(options)
            .AddSingleton(new GilgameshOptions { DataDir = root.Path })
            .AddSingleton<IEncodeQueue, RecordingEncodeQueue>()
            .AddSingleton(budgetOptions)
            .AddSingleton(new JobsOptions())
            .AddSingleton<InstanceIdentity>()
            .AddSingleton<JobMeters>()
            .AddSingleton<IBudgets, BudgetStore>()
            .AddGilgameshMedia(new ConfigurationBuilder().Build());
        replace?.Invoke(services);
        EncodeModule.AddServices(services, faults ?? new EncodeFaults());
        return new EncodeHarness(services.BuildServiceProvider(), root, options);
    }

    /// <summary>A folder of the library under the root, and the library over it (default profile: HEVC, quality 30, ultrafast).</summary>
    public async Task<Library> CreateLibraryAsync(EncodeProfile? profile = null, string action = Library.ReplaceAndArchive, string? archiveFolder = null)
    {
        var folder = Root.Combine("library-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        var library = Get<LibraryFactory>().Create(new LibraryRequest(Path.GetFileName(folder), [folder],
            Profile: profile ?? FastProfile, Action: action, ArchiveFolder: archiveFolder));
        await Get<LibraryStore>().InsertAsync(library, CancellationToken.None);
        return library;
    }

    public static EncodeProfile FastProfile { get; } = new()
    {
        Codec = "hevc", Encoder = "cpu", Quality = 30, Speed = "ultrafast", MaxBitrateKbps = 1500,
        Thresholds = new Thresholds { MinSsim = 0.8 },
    };

    public Task<ScanSummary> ScanAsync(Library library) => Get<LibraryScanner>().ScanAsync(library, CancellationToken.None);

    public async Task<CatalogFile> FileAsync(Library library, string path) =>
        (await Get<CatalogStore>().ListAsync(library.Id, CancellationToken.None)).Single(f => f.Path == path);

    /// <summary>Queues every planned file and runs each as its job would.</summary>
    public async Task<IReadOnlyList<EncodeResult>> EncodePlannedAsync(Library library)
    {
        var results = new List<EncodeResult>();
        foreach (var id in await Get<CatalogStore>().QueuePlannedAsync(library.Id, CancellationToken.None))
            results.Add(await Get<FileEncoder>().ProcessAsync(id, null, CancellationToken.None));
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Root.Dispose();
    }
}

/// <summary>Records enqueued files instead of starting Hangfire jobs (the platform job path is the kernel's, tested there).</summary>
internal sealed class RecordingEncodeQueue : IEncodeQueue
{
    public List<Guid> Enqueued { get; } = [];

    public Task EnqueueAsync(Guid fileId, string? ownerId, CancellationToken ct)
    {
        lock (Enqueued) Enqueued.Add(fileId);
        return Task.CompletedTask;
    }
}
