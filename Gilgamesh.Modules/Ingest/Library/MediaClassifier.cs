using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>What a file is, decided by its bytes (magic numbers, then ffprobe), never by its name.</summary>
internal sealed record MediaClassification(string Kind, string ContentType, string Extension, MediaInfo Info);

internal sealed class MediaClassifier(MediaProbe probe)
{
    private const int SniffLength = 512;

    /// <summary>Classifies a local file; throws <c>media.empty</c> or <c>media.unsupported</c> (422).</summary>
    public async Task<MediaClassification> ClassifyAsync(string path, CancellationToken ct)
    {
        var head = await ReadHeadAsync(path, ct);
        if (head.Length == 0)
            throw new GilgameshException(IngestErrorCodes.MediaEmpty, "The file is empty.", 422);
        // ffprobe accepts plain text as "tty" video, so text is refused before it gets the chance.
        if (LooksLikeText(head))
            throw new GilgameshException(IngestErrorCodes.MediaUnsupported, "The file is text, not audio, video or an image.", 422);

        MediaInfo info;
        try
        {
            info = await probe.ProbeAsync(path, ct);
        }
        catch (GilgameshException e) when (e.Code is ErrorCodes.MediaUnreadable or ErrorCodes.ProbeFailed)
        {
            throw new GilgameshException(IngestErrorCodes.MediaUnsupported, "The file is not audio, video or an image ffprobe can read.", 422, e);
        }
        return Classify(info);
    }

    internal static MediaClassification Classify(MediaInfo info)
    {
        var format = info.FormatName;
        var video = info.PrimaryVideo;
        if (video is not null && IsStillImage(format))
            return new(MediaKinds.Image, ImageContentType(video.Codec), ImageExtension(video.Codec), info);
        if (video is not null)
            return format switch
            {
                _ when format.Contains("webm", StringComparison.Ordinal) && video.Codec is "vp8" or "vp9" or "av1" => new(MediaKinds.Video, "video/webm", ".webm", info),
                _ when format.Contains("matroska", StringComparison.Ordinal) => new(MediaKinds.Video, "video/x-matroska", ".mkv", info),
                _ when format.Contains("mp4", StringComparison.Ordinal) || format.Contains("mov", StringComparison.Ordinal) => new(MediaKinds.Video, "video/mp4", ".mp4", info),
                "avi" => new(MediaKinds.Video, "video/x-msvideo", ".avi", info),
                "mpegts" => new(MediaKinds.Video, "video/mp2t", ".ts", info),
                _ => new(MediaKinds.Video, "application/octet-stream", ".bin", info),
            };
        if (info.PrimaryAudio is not null)
            return format switch
            {
                "wav" => new(MediaKinds.Audio, "audio/wav", ".wav", info),
                "mp3" => new(MediaKinds.Audio, "audio/mpeg", ".mp3", info),
                "flac" => new(MediaKinds.Audio, "audio/flac", ".flac", info),
                "ogg" => new(MediaKinds.Audio, "audio/ogg", ".ogg", info),
                _ when format.Contains("mp4", StringComparison.Ordinal) || format.Contains("m4a", StringComparison.Ordinal) => new(MediaKinds.Audio, "audio/mp4", ".m4a", info),
                _ when format.Contains("webm", StringComparison.Ordinal) || format.Contains("matroska", StringComparison.Ordinal) => new(MediaKinds.Audio, "audio/webm", ".webm", info),
                _ => new(MediaKinds.Audio, "application/octet-stream", ".bin", info),
            };
        throw new GilgameshException(IngestErrorCodes.MediaUnsupported, "The file has neither audio nor video.", 422);
    }

    private static bool IsStillImage(string format) =>
        format.EndsWith("_pipe", StringComparison.Ordinal) || format is "image2" or "gif";

    private static string ImageContentType(string codec) => codec switch
    {
        "png" => "image/png",
        "mjpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        _ => "application/octet-stream",
    };

    private static string ImageExtension(string codec) => codec switch
    {
        "png" => ".png",
        "mjpeg" => ".jpg",
        "webp" => ".webp",
        "gif" => ".gif",
        "bmp" => ".bmp",
        _ => ".bin",
    };

    private static async Task<byte[]> ReadHeadAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[SniffLength];
        var read = await file.ReadAtLeastAsync(buffer, SniffLength, throwOnEndOfStream: false, ct);
        return buffer[..read];
    }

    /// <summary>Printable ASCII/UTF-8 with ordinary whitespace and no NUL: no media container starts like that.</summary>
    internal static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
            if (b == 0 || (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C))
                return false;
        // Some containers (e.g. ID3-less MP3 frames) are binary from the first byte; text never has bytes
        // below 0x20 other than whitespace, which is what the loop checked.
        return true;
    }
}
