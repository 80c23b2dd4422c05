using System.Text.Json.Serialization;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// The <c>options</c> of a process request. <see cref="CleanupTemp"/> is accepted for compatibility with the URL media
/// service; temporary folders are always removed here, because the library keeps the file.
/// </summary>
internal sealed record ProcessOptions
{
    [JsonPropertyName("encode_base64")] public bool EncodeBase64 { get; init; }
    [JsonPropertyName("cleanup_temp")] public bool CleanupTemp { get; init; } = true;
    [JsonPropertyName("analyses")] public IReadOnlyList<string> Analyses { get; init; } = [];
    [JsonPropertyName("async")] public bool Async { get; init; }

    public bool Wants(string analysis) => Analyses.Contains(analysis, StringComparer.Ordinal);
}

/// <summary>The validated body of a process request (and the input of the async job).</summary>
internal sealed record ProcessRequest(
    [property: JsonPropertyName("urls")] IReadOnlyList<string> Urls,
    [property: JsonPropertyName("options")] ProcessOptions Options,
    [property: JsonPropertyName("owner_id")] Guid OwnerId);
