using System.Security.Cryptography;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>Who brings a file in and how it should be shown.</summary>
internal sealed record IngestRequest(Guid OwnerId, string Source, string DisplayName, string? SourceUrl = null);

/// <summary>The library item for the file; <see cref="Existing"/> when the owner already had these bytes.</summary>
internal sealed record IngestOutcome(MediaItem Item, bool Existing);

/// <summary>
/// Turns a finished local file (an assembled upload, a downloaded URL) into a library item: hash, dedupe per
/// owner, classify by content, publish to storage, record. Every way into the library ends here.
/// </summary>
internal sealed class MediaIngestor(MediaItemStore items, MediaClassifier classifier, IObjectStore store, ILogger<MediaIngestor> logger)
{
    public async Task<IngestOutcome> IngestFileAsync(IngestRequest request, string localPath, CancellationToken ct)
    {
        var sha256 = await Sha256Async(localPath, ct);
        if (await items.FindByHashAsync(request.OwnerId, sha256, ct) is { } existing)
            return new(existing, Existing: true);

        var classification = await classifier.ClassifyAsync(localPath, ct);
        var id = Guid.NewGuid();
        var key = $"ingest/{request.OwnerId:N}/{id:N}/original{classification.Extension}";
        var stored = await store.PutFileAsync(key, localPath, classification.ContentType, ct);

        var info = classification.Info;
        var item = new MediaItem
        {
            Id = id,
            OwnerId = request.OwnerId,
            Source = request.Source,
            SourceUrl = request.SourceUrl,
            DisplayName = DisplayName.Sanitise(request.DisplayName),
            StorageKey = key,
            ContentType = classification.ContentType,
            SizeBytes = stored.Size,
            Sha256 = stored.Sha256Hex,
            Kind = classification.Kind,
            DurationSeconds = classification.Kind == MediaKinds.Image ? null : info.DurationSeconds,
            Width = info.PrimaryVideo?.Width,
            Height = info.PrimaryVideo?.Height,
            VideoCodec = info.PrimaryVideo?.Codec,
            AudioCodec = info.PrimaryAudio?.Codec,
            FormatName = info.FormatName,
        };
        var (row, inserted) = await items.InsertReadyAsync(item, ct);
        if (!inserted)
        {
            // The same bytes arrived twice at once; the other copy won, so ours is dropped.
            await store.DeleteAsync(key, CancellationToken.None);
            return new(row, Existing: true);
        }
        logger.LogInformation("Media {MediaId} ({Kind}, {Bytes} bytes) added to the library from {Source}", row.Id, row.Kind, row.SizeBytes, row.Source);
        return new(row, Existing: false);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }
}
