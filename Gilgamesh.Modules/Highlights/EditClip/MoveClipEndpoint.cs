using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.Pipeline;
using Gilgamesh.Modules.Highlights.Render;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Highlights.EditClip;

/// <summary>Body of a clip move: the new in and out points in seconds of the original.</summary>
internal sealed record MoveClipRequest(double? Start, double? End);

/// <summary>
/// <c>PATCH /api/v1/highlights/{id}/clips/{clipId}</c> <c>{ start, end }</c>: moves a clip's in/out, snapped off any word
/// (<see cref="WordSnap"/>; off a sentence when its word times are spread over a caption cue), as a new revision, and queues a render of that clip only → 202 <c>{ clip, jobId }</c>.
/// Bad times → 400 <c>highlights.invalid_options</c>; while the request is still running → 409 <c>highlights.busy</c>.
/// </summary>
internal static class MoveClipEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api.MapPatch("/{id:guid}/clips/{clipId:guid}", MoveAsync).RequireAuthorization(Policies.Editor);

    private static async Task<IResult> MoveAsync(Guid id, Guid clipId, MoveClipRequest? request, HighlightJobStore jobs, ClipStore clips,
        TranscriptWordStore words, IJobScheduler scheduler, CurrentUser me, CancellationToken ct)
    {
        if (await jobs.GetAsync(id, ct) is not { } job || !me.CanSee(job.OwnerId.ToString())
            || await clips.GetAsync(clipId, ct) is not { } clip || clip.JobId != id)
            return ApiProblem.NotFound(HighlightsErrorCodes.NotFound, $"No clip {clipId} in highlights {id}.");
        if (job.Status is "queued" or "running")
            return ApiProblem.Create(409, HighlightsErrorCodes.Busy, "Conflict", "the highlights are still being made; move clips when they are done.");
        var duration = HighlightJobStore.SourceOf(job)?.DurationSeconds ?? double.MaxValue;
        var start = request?.Start ?? clip.StartS;
        var end = request?.End ?? clip.EndS;
        if (double.IsNaN(start) || double.IsNaN(end) || start < 0 || end > duration + 0.001 || end - start < 1)
            return ApiProblem.Create(400, HighlightsErrorCodes.InvalidOptions, "Bad request",
                $"start and end must lie within the media (0–{duration:0.###} s) and the clip must last at least 1 s.");

        // Measured words are the spans to keep whole; words spread over a caption cue are guesses, so their whole
        // sentence is one span there (a point inside it moves to the pause before or after the sentence).
        var spoken = (await words.ListAsync(id, ct)).GroupBy(w => w.SegmentIndex)
            .SelectMany(g => g.Any(w => w.Approximate) ? [(g.Min(w => w.StartS), g.Max(w => w.EndS))] : g.Select(w => (w.StartS, w.EndS)))
            .OrderBy(s => s.Item1).ToList();
        var (snappedStart, snappedEnd) = (WordSnap.In(spoken, start), Math.Min(duration, WordSnap.Out(spoken, end)));
        var moved = (await clips.MoveAsync(clipId, Math.Round(snappedStart, 3), Math.Round(snappedEnd, 3), ct))!;
        var job2 = await scheduler.EnqueueAsync(HighlightSteps.Render, new RenderClipInput(id, clipId, moved.Revision),
            new JobOptions(me.Id.ToString(), $"highlights · clip {moved.Rank} re-render", $"#/highlights/{id}"), ct);
        return TypedResults.Accepted($"/api/v1/highlights/{id}", new { clip = new { moved.Id, moved.Rank, Start = moved.StartS, End = moved.EndS, moved.Revision }, jobId = job2.Id });
    }
}
