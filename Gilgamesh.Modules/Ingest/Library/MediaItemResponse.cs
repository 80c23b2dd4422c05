using Gilgamesh.Modules.Ingest.Previews;
using Gilgamesh.Modules.Ingest.Uploads;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>Signed URLs of an item's previews (null when the item has none of that kind yet).</summary>
internal sealed record PreviewUrls(string? Poster, string? ContactSheet, string? Waveform);

/// <summary>
/// A library item as the API and dashboard see it; <see cref="Url"/> and previews are signed, short-lived URLs.
/// <see cref="UploadSessionId"/>: for a receiving item, the open resumable session that fills it in, so a client that
/// lost its own note of it (another browser, a cleared storage) can resume it with the same file.
/// </summary>
internal sealed record MediaItemResponse(
    Guid Id,
    Guid OwnerId,
    string Name,
    string Source,
    string? Kind,
    string Status,
    string? RejectedCode,
    string? RejectedReason,
    string? ContentType,
    long? SizeBytes,
    string? Sha256,
    double? DurationSeconds,
    int? Width,
    int? Height,
    MediaCodecs Codecs,
    DateTimeOffset Created,
    PreviewUrls Previews,
    string? Url,
    DateTimeOffset UrlsExpire,
    Guid? UploadSessionId = null);

internal sealed record MediaCodecs(string? Video, string? Audio, string? Format);

internal sealed record MediaItemPage(IReadOnlyList<MediaItemResponse> Items, string? NextCursor);

/// <summary>Builds responses, signing the original and preview keys.</summary>
internal sealed class MediaItemResponder(IObjectStore store, LibraryOptions options, TimeProvider clock, UploadSessionStore sessions)
{
    public async Task<MediaItemResponse> ToResponseAsync(MediaItem item, CancellationToken ct)
    {
        var ttl = options.SignedUrlTtl;
        var previews = MediaPreviews.Parse(item.Previews);
        return new MediaItemResponse(item.Id, item.OwnerId, item.DisplayName, item.Source, item.Kind, item.Status,
            item.RejectedCode, item.RejectedReason, item.ContentType, item.SizeBytes, item.Sha256, item.DurationSeconds,
            item.Width, item.Height, new MediaCodecs(item.VideoCodec, item.AudioCodec, item.FormatName), item.CreatedAt,
            new PreviewUrls(await SignAsync(previews.Poster, ttl, ct), await SignAsync(previews.ContactSheet, ttl, ct),
                await SignAsync(previews.Waveform, ttl, ct)),
            item.Status == MediaStatuses.Ready ? await SignAsync(item.StorageKey, ttl, ct) : null,
            clock.GetUtcNow() + ttl,
            item.Status == MediaStatuses.Receiving ? await sessions.OpenIdForMediaAsync(item.Id, ct) : null);
    }

    private async Task<string?> SignAsync(string? key, TimeSpan ttl, CancellationToken ct) =>
        key is null ? null : await store.GetSignedUrlAsync(key, ttl, ct);
}
