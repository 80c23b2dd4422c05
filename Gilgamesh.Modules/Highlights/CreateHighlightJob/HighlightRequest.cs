namespace Gilgamesh.Modules.Highlights.CreateHighlightJob;

/// <summary>
/// Body of <c>POST /api/v1/highlights</c>. Either <see cref="ClipCount"/> or <see cref="TotalSeconds"/>.
/// <see cref="Captions"/> (SRT or WebVTT text) is used when no speech model is installed: the ingest contract
/// does not expose an item's supplied captions yet.
/// </summary>
internal sealed record HighlightRequest(
    Guid? MediaId,
    int? ClipCount,
    double? TotalSeconds,
    double? MinSeconds,
    double? MaxSeconds,
    string? Aspect,
    string? Subtitles,
    string? Language,
    string? Analyzer,
    string? Captions);
