namespace Gilgamesh.Modules.Highlights.GetHighlightJob;

/// <summary>
/// <c>GET /api/v1/highlights/{id}</c>: status, chapters and clips in seconds of the original. The URLs stay
/// null until compilation (the render kit) has made the files.
/// </summary>
internal sealed record HighlightResponse(Guid Id, Guid MediaId, Guid? JobId, string Status, string? TranscriptSource, string? Analyzer,
    string? ErrorCode, string? Error, IReadOnlyList<ChapterResponse> Chapters, IReadOnlyList<ClipResponse> Clips, IReadOnlyList<string> Log);

internal sealed record ChapterResponse(double Start, double End, string Title);

internal sealed record ClipResponse(Guid Id, int Rank, double Start, double End, double Score, IReadOnlyList<string> Reasons, string Title,
    string? VideoUrl, string? ThumbnailUrl, string? SubtitlesUrl);
