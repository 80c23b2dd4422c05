using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Choreography.Moves;

/// <summary>
/// Reads a move clip through the kernel's frame reader (gray, 64×64, 30 fps: motion statistics need no
/// detail, and 30 fps puts the accent within a frame) and computes its <see cref="MotionSignature"/>.
/// </summary>
internal sealed class MotionAnalyzer(FrameDecoder decoder)
{
    public const double Fps = 30;
    public const int Side = 64;

    public async Task<MotionSignature> AnalyzeAsync(string clipPath, CancellationToken ct)
    {
        var request = new FrameRequest(Fps, Side, Side, FramePixelFormat.Gray8) { ReuseBuffer = true };
        await using var reader = await decoder.OpenAsync(clipPath, request, ct).ConfigureAwait(false);
        var features = new MotionFeatures(reader.Width, reader.Height, Fps);
        // Blocking reads on a worker thread: the reader is built for a CPU-bound loop at full frame rate.
        await Task.Run(() =>
        {
            while (reader.Read() is { } frame)
            {
                ct.ThrowIfCancellationRequested();
                features.Add(frame.Pixels);
            }
        }, ct).ConfigureAwait(false);
        await reader.CompleteAsync().ConfigureAwait(false);
        return features.Finish();
    }
}
