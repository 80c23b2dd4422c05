namespace Gilgamesh.Modules.Ingest.Contracts;

/// <summary>
/// What other modules may ask of the media library: an item by id, its bytes, a signed URL. They never
/// read the <c>ingest</c> tables. Ownership is the caller's business: compare <see cref="MediaItemInfo.OwnerId"/>.
/// </summary>
public interface IMediaLibrary
{
    /// <summary>The item, or null when no such item exists.</summary>
    Task<MediaItemInfo?> GetAsync(Guid id, CancellationToken ct = default);

    /// <summary>Opens the original file of a ready item; throws <c>media.not_found</c> (404) otherwise.</summary>
    Task<Stream> OpenReadAsync(Guid id, CancellationToken ct = default);

    /// <summary>A URL anyone holding it can GET (with Range) until <paramref name="ttl"/> elapses.</summary>
    Task<string> GetSignedUrlAsync(Guid id, TimeSpan ttl, CancellationToken ct = default);

    /// <summary>The item's preferred caption file (supplied by a person before automatic ones) as text, or null when it has none.</summary>
    Task<MediaCaptions?> GetCaptionsAsync(Guid id, CancellationToken ct = default);
}

/// <summary>Captions that came with an item: <c>srt</c> or <c>vtt</c> text and its language (<c>und</c> when unknown).</summary>
public sealed record MediaCaptions(string Language, string Format, string Text);

/// <summary>A library item as other modules see it. Kind is <c>video</c>, <c>audio</c> or <c>image</c>.</summary>
public sealed record MediaItemInfo(
    Guid Id,
    Guid OwnerId,
    string Status,
    string? Kind,
    string DisplayName,
    string? ContentType,
    long? SizeBytes,
    string? Sha256,
    double? DurationSeconds,
    int? Width,
    int? Height);
