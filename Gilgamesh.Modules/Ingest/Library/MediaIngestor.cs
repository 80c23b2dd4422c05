using System.Security.Cryptography;
using Gilgamesh.Modules.Ingest.Previews;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>Who brings a file in and how it should be shown.</summary>
/// <remarks>
/// <see cref="KnownSha256"/>: the file's SHA-256 (hex) when the caller computed it as the bytes arrived, so ingest
/// does not read the file again to hash it. <see cref="TakeFile"/>: the caller is done with the file whatever
/// happens, so storage may move it into place instead of copying it (the path is gone after ingest).
/// </remarks>
internal sealed record IngestRequest(Guid OwnerId, string Source, string DisplayName, string? SourceUrl = null,
    string? KnownSha256 = null, bool TakeFile = false);

/// <summary>The library item for the file; <see cref="Existing"/> when the owner already had these bytes.</summary>
internal sealed record IngestOutcome(MediaItem Item, bool Existing);

/// <summary>
/// Turns a finished local file (an assembled upload, a downloaded URL) into a library item: hash, dedupe per
/// owner, classify by content, publish to storage, make the quick previews (poster or waveform), record, and
/// queue the contact sheet. Every way into the library ends here, so URL items get previews too.
/// </summary>
internal sealed class MediaIngestor(MediaItemStore items, MediaClassifier classifier, IObjectStore store, PreviewMaker previews,
    IJobScheduler jobs, ILogger<MediaIngestor> logger)
{
    public Task<IngestOutcome> IngestFileAsync(IngestRequest request, string localPath, CancellationToken ct) =>
        IngestFileAsync(request, localPath, receivingItemId: null, ct);

    /// <summary>
    /// With <paramref name="receivingItemId"/> (the receiving item of a resumable upload), that item turns probing while
    /// the file is classified and then ready; a duplicate removes it. Refusals are the caller's to record.
    /// </summary>
    public async Task<IngestOutcome> IngestFileAsync(IngestRequest request, string localPath, Guid? receivingItemId, CancellationToken ct)
    {
        if (receivingItemId is { } probing) await items.SetPendingStatusAsync(probing, MediaStatuses.Probing, null, null, ct);
        var sha256 = request.KnownSha256?.ToLowerInvariant() ?? await Sha256Async(localPath, ct);
        if (await items.FindByHashAsync(request.OwnerId, sha256, ct) is { Status: MediaStatuses.Ready } existing)
        {
            if (receivingItemId is { } duplicate) await items.DeleteUnfinishedAsync(duplicate, CancellationToken.None);
            return new(existing, Existing: true);
        }

        var classification = await classifier.ClassifyAsync(localPath, ct);
        var id = receivingItemId ?? Guid.NewGuid();
        var key = $"ingest/{request.OwnerId:N}/{id:N}/original{classification.Extension}";
        // Previews first: they read the local file, which publishing may move away.
        var madePreviews = await previews.MakeImmediateAsync(request.OwnerId, id, localPath, classification, ct);
        StoredObject stored;
        try
        {
            stored = request.TakeFile
                ? await store.PutLocalFileAsync(key, localPath, classification.ContentType, sha256, ct)
                : await store.PutFileAsync(key, localPath, classification.ContentType, ct);
        }
        catch
        {
            await DeleteObjectsAsync(key, madePreviews);
            throw;
        }

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
            Previews = madePreviews.ToJson(),
        };
        MediaItem row;
        bool inserted;
        try
        {
            (row, inserted) = receivingItemId is null
                ? await items.InsertReadyAsync(item, ct)
                : await items.CompleteReceivingAsync(item, ct);
        }
        catch
        {
            await DeleteObjectsAsync(key, madePreviews);
            throw;
        }
        if (!inserted)
        {
            // The same bytes arrived twice at once; the other copy won, so ours is dropped.
            await DeleteObjectsAsync(key, madePreviews);
            return new(row, Existing: true);
        }
        if (row.Kind == MediaKinds.Video) await QueueContactSheetAsync(row);
        logger.LogInformation("Media {MediaId} ({Kind}, {Bytes} bytes) added to the library from {Source}", row.Id, row.Kind, row.SizeBytes, row.Source);
        return new(row, Existing: false);
    }

    private async Task QueueContactSheetAsync(MediaItem row)
    {
        try
        {
            await jobs.EnqueueAsync(ContactSheetJob.Kind, new ContactSheetInput(row.Id),
                new JobOptions(row.OwnerId.ToString(), $"contact sheet · {row.DisplayName}", $"#/library/{row.Id}"), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The item is in the library already; a missing contact sheet must not turn that into an error.
            logger.LogWarning(e, "Could not queue the contact sheet of media {MediaId}", row.Id);
        }
    }

    private async Task DeleteObjectsAsync(string originalKey, MediaPreviews made)
    {
        foreach (var key in made.AllKeys().Prepend(originalKey))
            await store.DeleteAsync(key, CancellationToken.None);
    }

    /// <summary>Files this ingestor read to hash them (a test seam: a known SHA-256 must leave it alone).</summary>
    internal int FilesHashed => _filesHashed;

    private int _filesHashed;

    private async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        Interlocked.Increment(ref _filesHashed);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }
}
