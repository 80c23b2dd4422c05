using System.Text.Json;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// Fills the parts of an item that must be fresh on every answer, fresh or cached: signed URLs of the original, the
/// poster (the library's <c>previews.poster</c>) and the captions, and base64 when asked and small enough. Reads the
/// library and storage only, never the network. Null when the item is gone (deleted since it was cached).
/// </summary>
internal sealed class LinkItemPresenter(MediaItemStore items, CaptionStore captions, IObjectStore store, IOptions<LinksOptions> options)
{
    private readonly LinksOptions _options = options.Value;

    public async Task<LinkItem?> PresentAsync(LinkItem item, bool encodeBase64, CancellationToken ct)
    {
        if (await items.GetAsync(item.MediaId, ct) is not { Status: MediaStatuses.Ready, StorageKey: { } key } media) return null;
        var ttl = _options.SignedUrlTtl;
        var poster = PosterKey(media.Previews);
        var captionKey = await captions.FindKeyAsync(media.Id, ct);
        return item with
        {
            Kind = media.Kind,
            Width = media.Width,
            Height = media.Height,
            Duration = media.DurationSeconds,
            Url = await store.GetSignedUrlAsync(key, ttl, ct),
            Thumbnail = poster is null ? null : await store.GetSignedUrlAsync(poster, ttl, ct),
            Captions = captionKey is null ? null : await store.GetSignedUrlAsync(captionKey, ttl, ct),
            Base64 = encodeBase64 && media.SizeBytes <= _options.MaxBase64Bytes ? await Base64Async(key, ct) : null,
        };
    }

    /// <summary>The stored form of an item: what the cache keeps (no URLs, no base64: both are minted per answer).</summary>
    public static LinkItem Stored(LinkItem item) => item with { Url = null, Thumbnail = null, Captions = null, Base64 = null };

    internal static string? PosterKey(string? previews)
    {
        if (string.IsNullOrWhiteSpace(previews)) return null;
        try
        {
            using var document = JsonDocument.Parse(previews);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("poster", out var poster) && poster.ValueKind == JsonValueKind.String
                ? poster.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<string> Base64Async(string key, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(key, null, ct);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, ct);
        return Convert.ToBase64String(memory.GetBuffer(), 0, (int)memory.Length);
    }
}
