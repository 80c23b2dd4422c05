using Gilgamesh.Modules.Ingest.Contracts;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>A row of <c>ingest.media_items</c>. Init properties (not a positional record) so Dapper maps timestamptz.</summary>
internal sealed record MediaItem
{
    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }
    public string Source { get; init; } = MediaSources.Upload;
    public string? SourceUrl { get; init; }
    public string DisplayName { get; init; } = "";
    public string Status { get; init; } = MediaStatuses.Receiving;
    public string? RejectedCode { get; init; }
    public string? RejectedReason { get; init; }
    public string? StorageKey { get; init; }
    public string? ContentType { get; init; }
    public long? SizeBytes { get; init; }
    public string? Sha256 { get; init; }
    public string? Kind { get; init; }
    public double? DurationSeconds { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? VideoCodec { get; init; }
    public string? AudioCodec { get; init; }
    public string? FormatName { get; init; }
    public string Previews { get; init; } = "{}";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public MediaItemInfo ToInfo() => new(Id, OwnerId, Status, Kind, DisplayName, ContentType, SizeBytes, Sha256,
        DurationSeconds, Width, Height);
}

internal static class MediaSources
{
    public const string Upload = "upload";
    public const string Url = "url";
    public const string Watch = "watch";
}

internal static class MediaStatuses
{
    public const string Receiving = "receiving";
    public const string Probing = "probing";
    public const string Ready = "ready";
    public const string Rejected = "rejected";
}

internal static class MediaKinds
{
    public const string Video = "video";
    public const string Audio = "audio";
    public const string Image = "image";
}
