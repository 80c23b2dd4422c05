using System.Text.Json.Serialization;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// Body of POST /media/{id}/analyses; no body or no list → scenes and OCR. <c>scene_mode</c>: mixed (default: cuts,
/// gradual transitions and slide changes in one pass), content (edited video only) or slides (screen recordings only).
/// </summary>
internal sealed record StartAnalysesRequest(
    [property: JsonPropertyName("analyses")] IReadOnlyList<string>? Analyses,
    [property: JsonPropertyName("scene_mode")] string? SceneMode = null);

/// <summary><c>POST /api/v1/ingest/media/{id}/analyses</c> starts the job; <c>GET</c> returns what is stored, keyframes signed. Others' items are 404.</summary>
internal static class AnalysesEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/media/{id:guid}/analyses", StartAsync).RequireAuthorization(Policies.Editor);
        api.MapGet("/media/{id:guid}/analyses", GetAsync).RequireAuthorization(Policies.Viewer);
    }

    private static async Task<IResult> StartAsync(Guid id, StartAnalysesRequest? request, MediaItemStore items, IJobScheduler scheduler,
        TranscriptAvailability transcripts, CurrentUser me, CancellationToken ct)
    {
        if (await VisibleAsync(id, items, me, ct) is not { } item) return NotFound(id);
        if (item.Status != MediaStatuses.Ready)
            return ApiProblem.Conflict(IngestErrorCodes.MediaNotReady, $"Media item {id} is {item.Status}; only ready items can be analysed.");
        var kinds = request?.Analyses is { Count: > 0 } asked ? asked.Distinct().ToList() : [AnalysisKinds.Scenes, AnalysisKinds.Ocr];
        if (kinds.FirstOrDefault(k => !AnalysisKinds.All.Contains(k)) is { } unknown)
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", $"Unknown analysis '{unknown}'; use scenes, ocr or transcript.");
        // Said up front, not by a job that "succeeds" with nothing: no captions and no speech model → 409 with the how-to.
        if (kinds.Contains(AnalysisKinds.Transcript) && await transcripts.RefusalAsync(item, ct) is { } refusal) return ApiProblem.From(refusal);
        var mode = SceneModes.Parse(request?.SceneMode);
        var job = await scheduler.EnqueueAsync(AnalyzeMediaJob.Kind, new AnalyzeMediaInput(id, kinds, mode?.ToString().ToLowerInvariant()),
            new JobOptions(me.Id.ToString(), AnalyzeMediaJob.Title(kinds, item.DisplayName), $"#/library/{id}"), ct);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", job);
    }

    private static async Task<IResult> GetAsync(Guid id, MediaItemStore items, MediaAnalysisStore analyses, AnalysesResponder responder,
        TranscriptAvailability transcripts, CurrentUser me, CancellationToken ct)
    {
        if (await VisibleAsync(id, items, me, ct) is not { } item) return NotFound(id);
        var response = await responder.ToResponseAsync(await analyses.GetAsync(id, ct), ct);
        return TypedResults.Ok(await transcripts.RefusalAsync(item, ct) is { } refusal
            ? response with { TranscriptUnavailable = new UnavailableAnalysis(refusal.Code, refusal.Message) }
            : response);
    }

    private static async Task<MediaItem?> VisibleAsync(Guid id, MediaItemStore items, CurrentUser me, CancellationToken ct) =>
        await items.GetAsync(id, ct) is { } item && me.CanSee(item.OwnerId.ToString()) ? item : null;

    private static IResult NotFound(Guid id) => ApiProblem.NotFound(IngestErrorCodes.MediaNotFound, $"No media item {id}.");
}
