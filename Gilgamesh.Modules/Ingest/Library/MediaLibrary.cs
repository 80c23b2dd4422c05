using Gilgamesh.Modules.Ingest.Contracts;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>The library's public face for other modules (<see cref="IMediaLibrary"/>).</summary>
internal sealed class MediaLibrary(MediaItemStore items, IObjectStore store) : IMediaLibrary
{
    public async Task<MediaItemInfo?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await items.GetAsync(id, ct))?.ToInfo();

    public async Task<Stream> OpenReadAsync(Guid id, CancellationToken ct = default) =>
        await store.OpenReadAsync(await ReadyKeyAsync(id, ct), null, ct);

    public async Task<string> GetSignedUrlAsync(Guid id, TimeSpan ttl, CancellationToken ct = default) =>
        await store.GetSignedUrlAsync(await ReadyKeyAsync(id, ct), ttl, ct);

    private async Task<string> ReadyKeyAsync(Guid id, CancellationToken ct) =>
        await items.GetAsync(id, ct) is { Status: MediaStatuses.Ready, StorageKey: { } key }
            ? key
            : throw new GilgameshException(IngestErrorCodes.MediaNotFound, $"No ready media item {id}.", 404);
}
