using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Control;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Encode.Planning;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Encoders;
using Gilgamesh.Modules.Kernel.Modules;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Encode;

/// <summary>
/// The encode module: watched library folders brought to a quality profile with NVENC or CPU ffmpeg, verified
/// before anything replaces an original, replaced through a journal, never re-processing a file. Schema <c>encode</c>.
/// </summary>
public sealed class EncodeModule : IGilgameshModule
{
    public const string ModuleName = "encode";

    public string Name => ModuleName;
    public string Schema => "encode";
    public IReadOnlyList<NavItem> Navigation => [new("Encode", "#/encode", 40)];

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EncodeOptions.Section).Get<EncodeOptions>() ?? new EncodeOptions();
        services.AddSingleton(options);
        AddServices(services, configuration[$"{EncodeOptions.Section}:Faults:KillAfterStep"] is { Length: > 0 } step ? new KillAfterStep(step) : new EncodeFaults());
        services.AddJobHandler<EncodeFileJob, EncodeFileInput, EncodeResult>(EncodeFileJob.Kind);
        services.AddSingleton<IEncodeQueue, JobSchedulerEncodeQueue>();
        services.AddHostedService<EncodeStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<LibraryWatcher>());
        // "ready": the host's readiness tag (/health/ready lists the check with each encoder's probe result).
        services.AddHealthChecks().AddCheck<EncodersHealthCheck>(EncodersHealthCheck.Name, tags: ["ready"]);
    }

    /// <summary>Everything but the host wiring (options, job handler, queue, start-up), so tests build the same graph.</summary>
    internal static void AddServices(IServiceCollection services, EncodeFaults faults)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EncoderProbe>();
        services.TryAddSingleton<QualityMeter>();
        services.AddSingleton(faults);
        services.AddSingleton<FolderPolicy>();
        services.AddSingleton<LibraryFactory>();
        services.AddSingleton<LibraryStore>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<OutcomeStore>();
        services.AddSingleton<IntegrityCheck>();
        services.AddSingleton<LibraryScanner>();
        services.AddSingleton<Forecaster>();
        services.AddSingleton<QualitySearchStore>();
        services.AddSingleton<QualitySearch>();
        services.AddSingleton<QueueControl>();
        services.AddSingleton<EncodeMetrics>();
        services.AddSingleton<GpuCoolDown>();
        services.TryAddSingleton<NvencAvailability>();
        services.AddSingleton<EncoderChooser>();
        services.AddSingleton<OutputVerifier>();
        services.AddSingleton<JournalStore>();
        services.AddSingleton<JournaledReplace>();
        services.AddSingleton<FileEncoder>();
        services.AddSingleton<JournalRecovery>();
        services.AddSingleton<LibraryWatcher>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        LibraryEndpoints.Map(api);
        CatalogEndpoints.Map(api);
        ControlEndpoints.Map(api);
        Exchange.ExchangeEndpoints.Map(api);
    }

    public void RegisterRecurringJobs(IRecurringJobManager recurringJobs) =>
        recurringJobs.AddOrUpdate<LibraryRescan>(LibraryRescan.RecurringJobId, x => x.RunAsync(CancellationToken.None), Cron.Hourly());
}
