using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Highlights.Render;

/// <summary>
/// Where the speaker is over a span of a camera-only video: gray frames at <see cref="SampleFps"/>, a fifth of the
/// width, differenced with the previous frame; the centroid of the pixels that changed (by more than
/// <see cref="ChangeThreshold"/> of 255) is the subject. Too little change (under <see cref="MinChangedShare"/> of the
/// frame) is "nothing moved" and leaves the target where it was. The positions are raw: <see cref="CropPath"/> smooths.
/// </summary>
internal sealed class SpeakerTracker(FrameDecoder frames)
{
    public const double SampleFps = 5;
    private const int ChangeThreshold = 20;
    private const double MinChangedShare = 0.002;

    public async Task<IReadOnlyList<SubjectSample>> TrackAsync(string path, int sourceWidth, int sourceHeight, double start, double duration, CancellationToken ct)
    {
        var width = Math.Max(32, sourceWidth / 5 / 2 * 2);
        var request = new FrameRequest(SampleFps, width, null, FramePixelFormat.Gray8)
        {
            StartSeconds = start,
            FrameLimit = Math.Max(2, (int)Math.Ceiling(duration * SampleFps)),
        };
        var samples = new List<SubjectSample>();
        byte[]? previous = null;
        await foreach (var frame in frames.DecodeAsync(path, request, ct))
        {
            var scale = (double)sourceWidth / frame.Width;
            if (previous is null)
            {
                samples.Add(new SubjectSample(frame.TimeSeconds, null, null));
            }
            else
            {
                double sumX = 0, sumY = 0;
                long count = 0;
                for (var y = 0; y < frame.Height; y++)
                    for (var x = 0; x < frame.Width; x++)
                    {
                        var i = y * frame.Width + x;
                        if (Math.Abs(frame.Pixels[i] - previous[i]) <= ChangeThreshold) continue;
                        sumX += x;
                        sumY += y;
                        count++;
                    }
                samples.Add(count < MinChangedShare * frame.Width * frame.Height
                    ? new SubjectSample(frame.TimeSeconds, null, null)
                    : new SubjectSample(frame.TimeSeconds, (sumX / count + 0.5) * scale, (sumY / count + 0.5) * scale));
            }
            previous = (byte[])frame.Pixels.Clone();
        }
        return samples;
    }
}
