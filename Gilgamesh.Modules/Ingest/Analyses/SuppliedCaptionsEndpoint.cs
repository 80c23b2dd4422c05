using System.Text;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// <c>PUT /api/v1/ingest/media/{id}/captions?language=en</c> with an SRT or WebVTT body: captions supplied with the
/// media become the item's transcript at once (no speech model needed) and are kept for later analyses. The body is
/// parsed before anything is stored, so malformed captions answer <c>captions.invalid</c> and change nothing; a cue that
/// starts after the media ends answers <c>captions.beyond_duration</c>, one that only runs past the end is clipped.
/// </summary>
internal static partial class SuppliedCaptionsEndpoint
{
    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguageTag();

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPut("/media/{id:guid}/captions", PutAsync).RequireAuthorization(Policies.Editor);

    private static async Task<IResult> PutAsync(Guid id, string? language, string? format, HttpRequest request, MediaItemStore items,
        CaptionStore captions, MediaAnalysisStore analyses, IObjectStore store, CurrentUser me, CancellationToken ct)
    {
        if (await items.GetAsync(id, ct) is not { Status: MediaStatuses.Ready } item || !me.CanSee(item.OwnerId.ToString()))
            return ApiProblem.NotFound(IngestErrorCodes.MediaNotFound, $"No media item {id}.");
        var lang = string.IsNullOrEmpty(language) ? CaptionStore.UnknownLanguage : language;
        if (lang != CaptionStore.UnknownLanguage && !LanguageTag().IsMatch(lang))
            return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", "language must be a tag such as 'en' or 'pt-BR'.");

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var captionFormat = FormatOf(format, request.ContentType, text);
        var transcript = Captions.Parse(text, captionFormat);
        if (transcript.Segments.Count == 0)
            throw new GilgameshException(SpeechErrorCodes.CaptionsInvalid, "The captions have no cues.", 400);
        transcript = transcript with { Language = lang == CaptionStore.UnknownLanguage ? null : lang };
        var (fitted, clipped) = CaptionsWithinDuration.Fit(transcript, item.DurationSeconds);
        if (clipped > 0)
        {
            // Kept as they now read, so a later analysis re-reading the file gets the same cues.
            transcript = fitted;
            text = captionFormat == CaptionFormat.Vtt ? Captions.ToVtt(transcript) : Captions.ToSrt(transcript);
        }

        var extension = captionFormat == CaptionFormat.Vtt ? "vtt" : "srt";
        var key = $"ingest/{item.OwnerId:N}/{item.Id:N}/captions-{lang}.{extension}";
        await using (var content = new MemoryStream(Encoding.UTF8.GetBytes(text)))
            await store.PutAsync(key, content, extension == "vtt" ? "text/vtt" : "application/x-subrip", ct);
        await captions.SaveSuppliedAsync(item.Id, lang, extension, key, ct);
        var stored = StoredTranscript.From(transcript);
        await analyses.SaveAsync(item.Id, AnalysisKinds.Transcript, stored, ct);
        return TypedResults.Ok(stored);
    }

    /// <summary>The <c>format</c> query wins, then the content type, then the WEBVTT signature.</summary>
    private static CaptionFormat FormatOf(string? format, string? contentType, string text) => format?.ToLowerInvariant() switch
    {
        "srt" => CaptionFormat.Srt,
        "vtt" => CaptionFormat.Vtt,
        null or "" when contentType?.StartsWith("text/vtt", StringComparison.OrdinalIgnoreCase) == true => CaptionFormat.Vtt,
        null or "" when contentType is not null && (contentType.Contains("subrip", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/srt", StringComparison.OrdinalIgnoreCase)) => CaptionFormat.Srt,
        null or "" => text.TrimStart('\uFEFF').StartsWith("WEBVTT", StringComparison.Ordinal) ? CaptionFormat.Vtt : CaptionFormat.Srt,
        _ => throw new GilgameshException(SpeechErrorCodes.CaptionsInvalid, "format must be 'srt' or 'vtt'.", 400),
    };
}
