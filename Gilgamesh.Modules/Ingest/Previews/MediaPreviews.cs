using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gilgamesh.Modules.Ingest.Previews;

/// <summary>
/// Storage keys of an item's previews, stored as <c>media_items.previews</c> jsonb with exactly the keys
/// <c>poster</c>, <c>contact_sheet</c>, <c>waveform</c> (absent when not applicable). URL processing reads this shape.
/// </summary>
internal sealed record MediaPreviews(
    [property: JsonPropertyName("poster")] string? Poster = null,
    [property: JsonPropertyName("contact_sheet")] string? ContactSheet = null,
    [property: JsonPropertyName("waveform")] string? Waveform = null)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static MediaPreviews Parse(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new() : JsonSerializer.Deserialize<MediaPreviews>(json, Json) ?? new();

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public IEnumerable<string> AllKeys() => new[] { Poster, ContactSheet, Waveform }.OfType<string>();

    /// <summary>Storage keys of previews live next to the original, under the item's prefix.</summary>
    public static string KeyFor(Guid ownerId, Guid itemId, string fileName) => $"{ItemPrefix(ownerId, itemId)}{fileName}";

    public static string ItemPrefix(Guid ownerId, Guid itemId) => $"ingest/{ownerId:N}/{itemId:N}/";
}
