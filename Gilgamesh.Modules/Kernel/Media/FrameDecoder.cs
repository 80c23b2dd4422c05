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
        request.Validate();
        var info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
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

        var arguments = DecoderArguments.Frames(path, video.Index, request.Fps, width, height, request.PixelFormat);
        await using var process = FfmpegProcess.Start(locator.FfmpegPath, $"{DecoderArguments.Global} {arguments}");
        using var killOnCancel = cancellationToken.Register(process.Kill);
        var frameBytes = width * height * request.BytesPerPixel;
        for (var index = 0; ; index++)
        {
            var pixels = new byte[frameBytes];
            var read = await process.StandardOutput.ReadAtLeastAsync(pixels, frameBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read < frameBytes)
            {
                break; // end of stream (a partial frame only happens when ffmpeg died; the exit code says so)
            }

            yield return new VideoFrame(index, index / request.Fps, width, height, pixels);
        }

        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exitCode != 0)
        {
            throw new FfmpegException(process.CommandLine, exitCode, process.StderrTail.ToString());
        }
    }
}
