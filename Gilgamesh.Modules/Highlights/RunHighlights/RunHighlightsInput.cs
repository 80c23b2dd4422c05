using System.Text.Json.Serialization;

namespace Gilgamesh.Modules.Highlights.RunHighlights;

/// <summary>Input of the <c>highlights/run</c> job: the highlights request's id, nothing else (the row holds the options).</summary>
internal sealed record RunHighlightsInput([property: JsonPropertyName("highlight_id")] Guid HighlightId);
