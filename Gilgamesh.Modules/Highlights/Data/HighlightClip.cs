namespace Gilgamesh.Modules.Highlights.Data;

/// <summary>A row of <c>highlights.clips</c>: a chosen clip (rank 1 is the best) and its rendered files once there are any.</summary>
internal sealed record HighlightClip(Guid Id, Guid JobId, int Rank, double StartS, double EndS, double Score, string Reasons, string Title,
    int ChapterIndex, string Status, string? VideoKey, string? ThumbnailKey, string? SubtitlesKey, int Revision);
