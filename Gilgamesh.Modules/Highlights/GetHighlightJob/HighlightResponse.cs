namespace Gilgamesh.Modules.Highlights.GetHighlightJob;

/// <summary>
/// <c>GET /api/v1/highlights/{id}</c>: status, chapters and clips in seconds of the original, with signed URLs of each
/// rendered clip, its thumbnail and its WebVTT subtitles (null until rendered), of the original (the dashboard's
/// transcript seeks in it), and the download routes.
/// </summary>
internal sealed record HighlightResponse(Guid Id, Guid MediaId, Guid? JobId, string Status, string? TranscriptSource, string? Analyzer,
    string? ErrorCode, string? Error, string? SourceUrl, string Aspect, string Subtitles, IReadOnlyList<ChapterResponse> Chapters, IReadOnlyList<ClipResponse> Clips,
    IReadOnlyDictionary<string, string> Downloads, IReadOnlyList<string> Log);

internal sealed record ChapterResponse(double Start, double End, string Title);

internal sealed record ClipResponse(Guid Id, int Rank, double Start, double End, double Score, IReadOnlyList<string> Reasons, string Title,
    string Status, int Revision, string? VideoUrl, string? ThumbnailUrl, string? SubtitlesUrl);
