using System.Text.Json;
using Gilgamesh.Modules.Highlights.CreateHighlightJob;
using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Highlights.Downloads;
using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Highlights.GetHighlightJob;

/// <summary>
/// <c>GET /api/v1/highlights/{id}</c>: a request's status, chapters, ranked clips with reasons and signed URLs of their
/// files (as the library signs its own), the download routes and the processing log.
/// </summary>
internal static class GetHighlightEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Viewer);

    private static async Task<IResult> GetAsync(Guid id, HighlightJobStore jobs, ContentSegmentStore content, ClipStore clips, ProcessingLogStore log,
        IObjectStore store, IMediaLibrary library, HighlightsOptions settings, CurrentUser me, CancellationToken ct)
    {
        if (await jobs.GetAsync(id, ct) is not { } job || !me.CanSee(job.OwnerId.ToString()))
            return ApiProblem.NotFound(HighlightsErrorCodes.NotFound, $"No highlights {id}.");
        var options = JsonSerializer.Deserialize<HighlightOptions>(job.Options, JobJson.Options)!;
        var ttl = TimeSpan.FromMinutes(Math.Max(1, settings.UrlTtlMinutes));
        async Task<string?> SignAsync(string? key) => key is null ? null : await store.GetSignedUrlAsync(key, ttl, ct);

        var chapters = (await content.ChaptersAsync(id, ct)).Select(c => new ChapterResponse(c.Start, c.End, c.Title)).ToList();
        var clipRows = new List<ClipResponse>();
        foreach (var c in await clips.ListAsync(id, ct))
        {
            var rendered = c.Status == "rendered";
            clipRows.Add(new ClipResponse(c.Id, c.Rank, c.StartS, c.EndS, c.Score, JsonSerializer.Deserialize<List<string>>(c.Reasons) ?? [], c.Title,
                c.Status, c.Revision, rendered ? await SignAsync(c.VideoKey) : null, rendered ? await SignAsync(c.ThumbnailKey) : null,
                rendered ? await SignAsync(c.SubtitlesKey) : null));
        }
        string? sourceUrl = null;
        try
        {
            sourceUrl = await library.GetSignedUrlAsync(job.MediaId, ttl, ct);
        }
        catch (GilgameshException)
        {
            // The original was deleted since: the results stand without it.
        }
        var downloads = DownloadEndpoint.Names.ToDictionary(n => n, n => $"/api/v1/highlights/{id}/downloads/{n}");
        var lines = (await log.ListAsync(id, ct)).Select(l => $"{l.Step}: {l.Message}").ToList();
        return TypedResults.Ok(new HighlightResponse(job.Id, job.MediaId, job.KernelJobId, job.Status, job.TranscriptSource, job.Analyzer,
            job.ErrorCode, job.ErrorMessage, sourceUrl, options.Aspect, options.Subtitles, chapters, clipRows, downloads, lines));
    }
}
