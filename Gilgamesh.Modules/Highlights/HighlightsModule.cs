using Gilgamesh.Modules.Analysis.Layout;
using Gilgamesh.Modules.Analysis.Ocr;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.GetHighlightJob;
using Gilgamesh.Modules.Highlights.RunHighlights;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Modules;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Highlights;

/// <summary>
/// The highlights module: a lecture becomes chapters and ranked, explainable clips cut only in pauses, with
/// transcript, chapter and timeline exports. Schema <c>highlights</c>; media comes through
/// the media library contract (<c>IMediaLibrary</c>).
/// </summary>
public sealed class HighlightsModule : IGilgameshModule
{
    public const string ModuleName = "highlights";

    public string Name => ModuleName;
    public string Schema => "highlights";
    public IReadOnlyList<NavItem> Navigation => [];

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<SilenceDetector>();
        services.TryAddSingleton<OcrEngine>();
        services.TryAddSingleton<LayoutEngine>();
        services.AddSingleton<HighlightJobStore>();
        services.AddSingleton<TranscriptSegmentStore>();
        services.AddSingleton<TranscriptWordStore>();
        services.AddSingleton<SilenceRegionStore>();
        services.AddSingleton<LayoutStore>();
        services.AddSingleton<ContentSegmentStore>();
        services.AddSingleton<ClipStore>();
        services.AddSingleton<ProcessingLogStore>();
        services.AddSingleton<StageOneAnalyses>();
        services.AddSingleton<StageTwoContent>();
        services.AddSingleton<HighlightPipeline>();
        services.AddJobHandler<RunHighlightsJob, RunHighlightsInput, HighlightRunResult>(RunHighlightsJob.Kind);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        CreateHighlightEndpoint.Map(api);
        GetHighlightEndpoint.Map(api);
    }

    public void RegisterRecurringJobs(IRecurringJobManager recurringJobs)
    {
    }
}
