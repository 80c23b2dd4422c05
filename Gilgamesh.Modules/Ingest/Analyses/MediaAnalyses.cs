using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gilgamesh.Modules.Ingest.Analyses;

/// <summary>The stored analyses of one item (null: not run, or not applicable to its kind).</summary>
internal sealed record MediaAnalyses(
    [property: JsonPropertyName("media_id")] Guid MediaId,
    [property: JsonPropertyName("scenes")] JsonElement? Scenes,
    [property: JsonPropertyName("ocr")] JsonElement? Ocr,
    [property: JsonPropertyName("transcript")] JsonElement? Transcript);

/// <summary>One scene as stored: times in seconds and the storage key of its keyframe (a JPEG at source resolution).</summary>
internal sealed record StoredScene(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End,
    [property: JsonPropertyName("keyframe_time")] double KeyframeTime,
    [property: JsonPropertyName("keyframe_key")] string? KeyframeKey,
    [property: JsonPropertyName("cut"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cut = null);

/// <summary>Text read from one keyframe (video) or from the image itself (<see cref="Scene"/> null).</summary>
internal sealed record StoredOcrText(
    [property: JsonPropertyName("scene")] int? Scene,
    [property: JsonPropertyName("time")] double Time,
    [property: JsonPropertyName("text")] string Text);
