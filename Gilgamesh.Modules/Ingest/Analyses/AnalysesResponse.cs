using System.Text.Json;
using System.Text.Json.Serialization;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>
/// What <c>GET /media/{id}/analyses</c> answers: the stored analyses, each scene with a signed <c>keyframe_url</c>
/// (short-lived, like the library's URLs; <see cref="UrlsExpire"/> says until when).
/// </summary>
internal sealed record AnalysesResponse(
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("scenes")] IReadOnlyList<SignedScene>? Scenes,
    [property: JsonPropertyName("ocr")] JsonElement? Ocr,
    [property: JsonPropertyName("transcript")] JsonElement? Transcript,
    [property: JsonPropertyName("urls_expire")] DateTimeOffset UrlsExpire)
{
    /// <summary>Why a transcript cannot be made now (no captions and no speech model), with the how-to; null when it can.</summary>
    [JsonPropertyName("transcript_unavailable")]
    public UnavailableAnalysis? TranscriptUnavailable { get; init; }
}

/// <summary>An analysis that cannot run for this item, with the stable code and what to do about it.</summary>
internal sealed record UnavailableAnalysis(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("detail")] string Detail);

/// <summary>A stored scene plus the signed URL of its keyframe (null when the scene has none).</summary>
internal sealed record SignedScene(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End,
    [property: JsonPropertyName("keyframe_time")] double KeyframeTime,
    [property: JsonPropertyName("keyframe_key")] string? KeyframeKey,
    [property: JsonPropertyName("keyframe_url")] string? KeyframeUrl,
    [property: JsonPropertyName("cut")] string? Cut);

/// <summary>Signs the keyframe keys of stored analyses.</summary>
internal sealed class AnalysesResponder(IObjectStore store, LibraryOptions options, TimeProvider clock)
{
    public async Task<AnalysesResponse> ToResponseAsync(MediaAnalyses stored, CancellationToken ct)
    {
        var ttl = options.SignedUrlTtl;
        List<SignedScene>? scenes = null;
        if (stored.Scenes is { ValueKind: JsonValueKind.Array } array)
        {
            scenes = [];
            foreach (var scene in array.Deserialize<List<StoredScene>>() ?? [])
                scenes.Add(new SignedScene(scene.Index, scene.Start, scene.End, scene.KeyframeTime, scene.KeyframeKey,
                    scene.KeyframeKey is { } key ? await store.GetSignedUrlAsync(key, ttl, ct) : null, scene.Cut));
        }
        return new AnalysesResponse(stored.MediaId, scenes, stored.Ocr, stored.Transcript, clock.GetUtcNow() + ttl);
    }
}
