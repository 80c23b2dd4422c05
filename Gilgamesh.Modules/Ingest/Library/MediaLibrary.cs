using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>The library's public face for other modules (<see cref="IMediaLibrary"/>).</summary>
internal sealed class MediaLibrary(MediaItemStore items, IObjectStore store, CaptionStore captions) : IMediaLibrary
{
    public async Task<MediaItemInfo?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await items.GetAsync(id, ct))?.ToInfo();

    public async Task<Stream> OpenReadAsync(Guid id, CancellationToken ct = default) =>
        await store.OpenReadAsync(await ReadyKeyAsync(id, ct), null, ct);

    public async Task<string> GetSignedUrlAsync(Guid id, TimeSpan ttl, CancellationToken ct = default) =>
        await store.GetSignedUrlAsync(await ReadyKeyAsync(id, ct), ttl, ct);

    public async Task<MediaCaptions?> GetCaptionsAsync(Guid id, CancellationToken ct = default)
    {
        if (await captions.FindAsync(id, ct) is not { } stored) return null;
        await using var stream = await store.OpenReadAsync(stored.StorageKey, null, ct);
        using var reader = new StreamReader(stream);
        return new MediaCaptions(stored.Language, stored.Format, await reader.ReadToEndAsync(ct));
    }

    private async Task<string> ReadyKeyAsync(Guid id, CancellationToken ct) =>
        await items.GetAsync(id, ct) is { Status: MediaStatuses.Ready, StorageKey: { } key }
            ? key
            : throw new GilgameshException(IngestErrorCodes.MediaNotFound, $"No ready media item {id}.", 404);
}
