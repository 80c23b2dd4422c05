using System.Runtime.CompilerServices;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Streams a file's primary video stream as raw frames at a chosen rate and size, one frame in memory
/// at a time. The exact output size is computed from the probe up front because rawvideo has no
/// header: the reader must know how many bytes make a frame.
/// </summary>
internal sealed class FrameDecoder(MediaToolLocator locator, MediaProbe probe)
{
    public async IAsyncEnumerable<VideoFrame> DecodeAsync(string path, FrameRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenAsync(path, request, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false) is { } frame)
        {
            yield return frame;
        }

        await reader.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Probes <paramref name="path"/> and starts its decoder; the caller reads (see <see cref="FrameReader"/>) and disposes.</summary>
    public async Task<FrameReader> OpenAsync(string path, FrameRequest request, CancellationToken cancellationToken = default)
    {
        request.Validate();
        return Open(path, await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false), request, cancellationToken);
    }

    /// <summary>Starts the decoder of <paramref name="path"/> with a probe the caller already has (several decoders of one file need one probe).</summary>
    public FrameReader Open(string path, MediaInfo info, FrameRequest request, CancellationToken cancellationToken = default)
    {
        request.Validate();
        var video = info.PrimaryVideo
            ?? throw new GilgameshException(ErrorCodes.MediaUnreadable, $"no video stream in {Path.GetFileName(path)}", 422);
        if (video.Width is not > 0 || video.Height is not > 0)
        {
            throw new GilgameshException(ErrorCodes.ProbeFailed, $"ffprobe reported no frame size for {Path.GetFileName(path)}", 422);
        }

        // ffmpeg auto-rotates, so a quarter-turned source arrives with width and height swapped.
        var quarterTurned = Math.Abs(video.Rotation) % 180 == 90;
        var (width, height) = quarterTurned
            ? request.ResolveSize(video.Height.Value, video.Width.Value)
            : request.ResolveSize(video.Width.Value, video.Height.Value);

        var arguments = DecoderArguments.Frames(path, video.Index, width, height, request);
        var process = FfmpegProcess.Start(locator.FfmpegPath, $"{DecoderArguments.Global} {arguments}");
        return new FrameReader(process, request, width, height, cancellationToken);
    }
}
