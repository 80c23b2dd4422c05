using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Modules;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.TestModule;

/// <summary>
/// A module that lives in the test project and proves the whole module contract: discovered by
/// scanning, its own schema and migration (migrations/probe), endpoints under /api/v1/probe, a job on
/// the media queue that runs ffmpeg and writes to storage, a recurring job and a navigation entry.
/// </summary>
public sealed class ProbeModule : IGilgameshModule
{
    public const string ModuleName = "probe";
    public const string HousekeepingJobId = "probe-housekeeping";

    public string Name => ModuleName;
    public string Schema => "probe";
    public IReadOnlyList<NavItem> Navigation => [new("Probe", "#/probe", 900)];

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddJobHandler<RenderClipJob, RenderRequest, RenderResult>(RenderClipJob.Kind);
        services.AddJobHandler<WorkStep, WorkInput, WorkResult>(ProbeJobs.Work);
        services.AddJobHandler<WorkStep, WorkInput, WorkResult>(ProbeJobs.MediaWork);
        services.AddJobHandler<GatherStep, WorkInput, GatherResult>(ProbeJobs.Gather);
        services.AddScoped<ProbeHousekeeping>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        RenderEndpoints.Map(api);
        PipelineEndpoints.Map(api);
    }

    public void RegisterRecurringJobs(IRecurringJobManager recurringJobs) =>
        recurringJobs.AddOrUpdate<ProbeHousekeeping>(HousekeepingJobId, x => x.RunAsync(), Cron.Daily);
}
