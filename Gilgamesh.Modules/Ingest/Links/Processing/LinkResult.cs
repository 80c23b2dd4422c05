using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

// The wire contract of POST /api/v1/ingest/process carried over from the URL media service (snake_case, as there).
// Names are attributes, not a naming policy, so the job result (serialised by the kernel) has the same shape.

/// <summary>The answer for one URL; the response is an array of these in request order.</summary>
internal sealed record LinkResult
{
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("error")] public LinkError? Error { get; init; }
    [JsonPropertyName("items")] public IReadOnlyList<LinkItem> Items { get; init; } = [];
    [JsonPropertyName("cached")] public bool Cached { get; init; }
    [JsonPropertyName("took_ms")] public long TookMs { get; init; }

    /// <summary>The cache entry an <c>ok</c> result is stored under, for <c>DELETE /cache/{key}</c>; null for errors (never cached).</summary>
    [JsonPropertyName("cache_key")] public string? CacheKey { get; init; }

    public const string Ok = "ok";
    public const string Failed = "error";
}

internal sealed record LinkError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("retryable")] bool Retryable);

/// <summary>One media item a URL gave (a carousel gives several). <c>url</c>, <c>thumbnail</c>, <c>base64</c> are filled on the way out.</summary>
internal sealed record LinkItem
{
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("media_id")] public Guid MediaId { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("width")] public int? Width { get; init; }
    [JsonPropertyName("height")] public int? Height { get; init; }
    [JsonPropertyName("duration")] public double? Duration { get; init; }
    [JsonPropertyName("thumbnail")] public string? Thumbnail { get; init; }
    [JsonPropertyName("base64")] public string? Base64 { get; init; }
    [JsonPropertyName("existing")] public bool Existing { get; init; }
    [JsonPropertyName("captions")] public string? Captions { get; init; }
    [JsonPropertyName("scenes")] public JsonElement? Scenes { get; init; }
    [JsonPropertyName("ocr")] public JsonElement? Ocr { get; init; }
    [JsonPropertyName("transcript")] public JsonElement? Transcript { get; init; }
}
