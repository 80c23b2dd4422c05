using System.Text.Json;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Highlights.GetHighlightJob;

/// <summary><c>GET /api/v1/highlights/{id}</c>: a request's status, chapters, ranked clips with reasons and its processing log.</summary>
internal static class GetHighlightEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Viewer);

    private static async Task<IResult> GetAsync(Guid id, HighlightJobStore jobs, ContentSegmentStore content, ClipStore clips, ProcessingLogStore log,
        CurrentUser me, CancellationToken ct)
    {
        if (await jobs.GetAsync(id, ct) is not { } job || !me.CanSee(job.OwnerId.ToString()))
            return ApiProblem.NotFound(HighlightsErrorCodes.NotFound, $"No highlights {id}.");
        var chapters = (await content.ChaptersAsync(id, ct)).Select(c => new ChapterResponse(c.Start, c.End, c.Title)).ToList();
        var clipRows = (await clips.ListAsync(id, ct))
            .Select(c => new ClipResponse(c.Id, c.Rank, c.StartS, c.EndS, c.Score, JsonSerializer.Deserialize<List<string>>(c.Reasons) ?? [], c.Title, null, null, null))
            .ToList();
        var lines = (await log.ListAsync(id, ct)).Select(l => $"{l.Step}: {l.Message}").ToList();
        return TypedResults.Ok(new HighlightResponse(job.Id, job.MediaId, job.KernelJobId, job.Status, job.TranscriptSource, job.Analyzer,
            job.ErrorCode, job.ErrorMessage, chapters, clipRows, lines));
    }
}
