using Gilgamesh.Modules.Analysis.Layout;
using Gilgamesh.Modules.Analysis.Ocr;
using Gilgamesh.Modules.Analysis.Scenes;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.Downloads;
using Gilgamesh.Modules.Highlights.EditClip;
using Gilgamesh.Modules.Highlights.GetHighlightJob;
using Gilgamesh.Modules.Highlights.Pipeline;
using Gilgamesh.Modules.Highlights.Render;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Modules;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Highlights;

/// <summary>
/// The highlights module: a lecture becomes chapters and ranked, explainable clips cut only in pauses, rendered
/// (9:16/1:1 from the layout, subtitles, loudness, thumbnails), with transcript, chapter and timeline exports.
/// Runs as a pipeline of steps (<see cref="HighlightSteps"/>). Schema <c>highlights</c>; media comes through the
/// media library contract (<c>IMediaLibrary</c>).
/// </summary>
public sealed class HighlightsModule : IGilgameshModule
{
    public const string ModuleName = "highlights";

    public string Name => ModuleName;
    public string Schema => "highlights";
    public IReadOnlyList<NavItem> Navigation => [new("Highlights", "#/highlights", 20)];

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(HighlightsOptions.Section).Get<HighlightsOptions>() ?? new HighlightsOptions());
        services.TryAddSingleton<SilenceDetector>();
        services.TryAddSingleton<OcrEngine>();
        services.TryAddSingleton<LayoutEngine>();
        services.TryAddSingleton<SceneDetector>();
        services.AddSingleton<HighlightJobStore>();
        services.AddSingleton<TranscriptSegmentStore>();
        services.AddSingleton<TranscriptWordStore>();
        services.AddSingleton<SilenceRegionStore>();
        services.AddSingleton<LayoutStore>();
        services.AddSingleton<ContentSegmentStore>();
        services.AddSingleton<ClipStore>();
        services.AddSingleton<ProcessingLogStore>();
        services.AddSingleton<HighlightRequests>();
        services.AddSingleton<HighlightMedia>();
        services.AddSingleton<LlmRanking>();
        services.AddSingleton<StageTwoContent>();
        services.AddSingleton<SpeakerTracker>();
        services.AddSingleton<PeakLimiter>();
        services.AddSingleton<ClipRenderer>();
        services.AddSingleton<HighlightDocuments>();
        services.AddJobHandler<SilenceStep, HighlightRef, SilenceStepResult>(HighlightSteps.Silence);
        services.AddJobHandler<TranscriptStep, HighlightRef, TranscriptStepResult>(HighlightSteps.Transcript);
        services.AddJobHandler<LayoutStep, HighlightRef, LayoutStepResult>(HighlightSteps.Layout);
        services.AddJobHandler<SlidesStep, HighlightRef, SlidesStepResult>(HighlightSteps.Slides);
        services.AddJobHandler<ContentStep, HighlightRef, ContentStepResult>(HighlightSteps.Content);
        services.AddJobHandler<RenderClipStep, RenderClipInput, RenderClipResult>(HighlightSteps.Render);
        services.AddJobHandler<FinishStep, HighlightRef, HighlightRunResult>(HighlightSteps.Finish);
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        CreateHighlightEndpoint.Map(api);
        GetHighlightEndpoint.Map(api);
        DownloadEndpoint.Map(api);
        MoveClipEndpoint.Map(api);
    }

    public void RegisterRecurringJobs(IRecurringJobManager recurringJobs)
    {
    }
}
