using Gilgamesh.Modules.Analysis.Ocr;
using Gilgamesh.Modules.Analysis.Scenes;
using Gilgamesh.Modules.Kernel.Jobs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>Analyses per library item (scenes with keyframes, OCR of keyframes) as jobs, stored in <c>ingest.media_analyses</c>.</summary>
internal static class AnalysesSlice
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        // The engines are plain classes the CLI news up; the app gets one of each.
        services.TryAddSingleton<KeyframeWriter>();
        services.TryAddSingleton<SceneDetector>();
        services.TryAddSingleton<OcrEngine>();
        services.AddSingleton<MediaAnalysisStore>();
        services.AddSingleton<AnalysesResponder>();
        services.AddSingleton<TranscriptMaker>();
        services.AddSingleton<TranscriptAvailability>();
        services.AddSingleton<MediaAnalysisRunner>();
        services.AddJobHandler<AnalyzeMediaJob, AnalyzeMediaInput, MediaAnalyses>(AnalyzeMediaJob.Kind);
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        AnalysesEndpoints.Map(api);
        SuppliedCaptionsEndpoint.Map(api);
        CaptionsDownloadEndpoint.Map(api);
    }
}
