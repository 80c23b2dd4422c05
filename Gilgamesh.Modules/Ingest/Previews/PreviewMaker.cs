using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Previews;

/// <summary>
/// Makes previews with ffmpeg and publishes them under the item's storage prefix. A preview that cannot be
/// made is logged and left out: previews are a convenience, the item itself must never be lost over one.
/// </summary>
internal sealed class PreviewMaker(FfmpegRunner ffmpeg, IObjectStore store, GilgameshOptions options, ILogger<PreviewMaker> logger)
{
    public const string PosterFile = "poster.jpg";
    public const string ContactSheetFile = "contact-sheet.jpg";
    public const string WaveformFile = "waveform.png";

    /// <summary>The quick previews, made from the local file before the item is recorded: poster (video, image) or waveform (audio).</summary>
    public async Task<MediaPreviews> MakeImmediateAsync(Guid ownerId, Guid itemId, string localPath, MediaClassification classification,
        CancellationToken ct)
    {
        return classification.Kind switch
        {
            MediaKinds.Video => new(Poster: await TryMakeAsync(ownerId, itemId, PosterFile, "image/jpeg",
                output => PreviewArguments.VideoPoster(localPath, output, classification.Info.DurationSeconds), ct)),
            MediaKinds.Image => new(Poster: await TryMakeAsync(ownerId, itemId, PosterFile, "image/jpeg",
                output => PreviewArguments.ImagePoster(localPath, output), ct)),
            MediaKinds.Audio => new(Waveform: await TryMakeAsync(ownerId, itemId, WaveformFile, "image/png",
                output => PreviewArguments.Waveform(localPath, output, classification.Info.DurationSeconds), ct)),
            _ => new(),
        };
    }

    /// <summary>The contact sheet of a stored video (slow on long files, so it runs as a job); null when it failed.</summary>
    public async Task<string?> MakeContactSheetAsync(MediaItem item, CancellationToken ct)
    {
        if (item is not { Kind: MediaKinds.Video, StorageKey: { } key, DurationSeconds: > 0 and var duration }) return null;
        using var scratch = ScratchDirectory.Create(options, "ingest-contact-sheet");
        // Local storage: ffmpeg reads the stored file in place instead of a multi-gigabyte copy.
        string source;
        if (store is LocalObjectStore local)
            source = local.ResolvePath(key);
        else
        {
            source = scratch.File("source");
            await using var read = await store.OpenReadAsync(key, null, ct);
            await using var write = File.Create(source);
            await read.CopyToAsync(write, ct);
        }
        return await TryMakeAsync(item.OwnerId, item.Id, ContactSheetFile, "image/jpeg",
            output => PreviewArguments.ContactSheet(source, output, duration), ct, scratch);
    }

    private async Task<string?> TryMakeAsync(Guid ownerId, Guid itemId, string fileName, string contentType,
        Func<string, string> arguments, CancellationToken ct, ScratchDirectory? scratch = null)
    {
        var owned = scratch is null ? ScratchDirectory.Create(options, "ingest-preview") : null;
        try
        {
            var output = (scratch ?? owned!).File(fileName);
            await ffmpeg.RunAsync(arguments(output), cancellationToken: ct);
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
                throw new InvalidOperationException($"ffmpeg wrote no {fileName}");
            var key = MediaPreviews.KeyFor(ownerId, itemId, fileName);
            await store.PutFileAsync(key, output, contentType, ct);
            return key;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "No {Preview} for media {MediaId}", fileName, itemId);
            return null;
        }
        finally
        {
            owned?.Dispose();
        }
    }
}
