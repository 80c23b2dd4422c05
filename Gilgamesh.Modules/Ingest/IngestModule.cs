using Gilgamesh.Modules.Ingest.Analyses;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Ingest.Links;
using Gilgamesh.Modules.Ingest.Previews;
using Gilgamesh.Modules.Ingest.Uploads;
using Gilgamesh.Modules.Kernel.Modules;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Ingest;

/// <summary>
/// The ingest module: the media library and every way into it (browser and API uploads, URLs). Schema
/// <c>ingest</c>; other modules use <see cref="Contracts.IMediaLibrary"/>. Each slice registers itself.
/// </summary>
public sealed class IngestModule : IGilgameshModule
{
    public const string ModuleName = "ingest";

    public string Name => ModuleName;
    public string Schema => "ingest";
    public IReadOnlyList<NavItem> Navigation => [new("Library", "#/library", 10)];

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        LibrarySlice.Register(services, configuration);
        LinksSlice.Register(services, configuration);
        AnalysesSlice.Register(services, configuration);
        PreviewsSlice.Register(services);
        UploadsSlice.Register(services, configuration);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        LibrarySlice.Map(api);
        LinksSlice.Map(api);
        AnalysesSlice.Map(api);
        UploadsSlice.Map(api);
    }

    // The upload cleanup's schedule is configured, so its slice registers it from the validated options at start
    // (UploadCleanupSchedule); the module keeps no configuration of its own.
    public void RegisterRecurringJobs(IRecurringJobManager recurringJobs) => LinksSlice.RegisterRecurringJobs(recurringJobs);
}
