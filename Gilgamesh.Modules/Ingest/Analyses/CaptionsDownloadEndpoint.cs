using System.Text;
using System.Text.Json;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// <c>GET /api/v1/ingest/media/{id}/captions?format=vtt|srt</c>: the item's transcript as captions — the player's
/// <c>&lt;track&gt;</c> (WebVTT, the default) and the page's downloads. Written from the stored transcript, so supplied
/// captions come back cue for cue (upload SRT, download SRT: the same text). No transcript yet: 404 <c>captions.not_found</c>.
/// </summary>
internal static class CaptionsDownloadEndpoint
{
    public const string NotFoundCode = "captions.not_found";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/media/{id:guid}/captions", GetAsync).RequireAuthorization(Policies.Viewer);

    private static async Task<IResult> GetAsync(Guid id, string? format, MediaItemStore items, MediaAnalysisStore analyses, CurrentUser me,
        CancellationToken ct)
    {
        var vtt = format?.ToLowerInvariant() switch
        {
            null or "" or "vtt" => true,
            "srt" => false,
            _ => throw new GilgameshException(ErrorCodes.InvalidRequest, "format must be 'vtt' or 'srt'.", 400),
        };
        if (await items.GetAsync(id, ct) is not { } item || !me.CanSee(item.OwnerId.ToString()))
            return ApiProblem.NotFound(IngestErrorCodes.MediaNotFound, $"No media item {id}.");
        if ((await analyses.GetAsync(id, ct)).Transcript is not { ValueKind: JsonValueKind.Object } json
            || json.Deserialize<StoredTranscript>() is not { Segments.Count: > 0 } stored)
            return ApiProblem.NotFound(NotFoundCode, $"Media item {id} has no transcript yet; run the transcript analysis or upload captions.");

        var transcript = new Transcript(stored.Language,
            stored.Segments.Select(s => new TranscriptSegment(s.Start, s.End, s.Text)).ToList(), stored.Source);
        var text = vtt ? Captions.ToVtt(transcript) : Captions.ToSrt(transcript);
        var name = Path.GetFileNameWithoutExtension(item.DisplayName) + (stored.Language is { } lang ? "." + lang : "") + (vtt ? ".vtt" : ".srt");
        return Results.File(Encoding.UTF8.GetBytes(text), vtt ? "text/vtt; charset=utf-8" : "application/x-subrip; charset=utf-8", name);
    }
}
