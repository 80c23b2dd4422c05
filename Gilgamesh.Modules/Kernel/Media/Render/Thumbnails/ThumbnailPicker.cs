using Gilgamesh.Modules.Kernel.Errors;
using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media.Render.Thumbnails;

/// <summary>
/// Picks a representative frame: samples frames evenly over the span (small gray frames), skips black ones,
/// takes the sharpest (variance of the Laplacian), then writes that frame at full size as JPEG.
/// </summary>
internal sealed class ThumbnailPicker(MediaProbe probe, FrameDecoder decoder, RenderRunner runner)
{
    private const int ScoreWidth = 320;

    public async Task<Thumbnail> PickAsync(ThumbnailRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if (request.Samples is < 1 or > 200)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Samples, "1 to 200 samples");
        }

        var info = await probe.ProbeAsync(request.Input, cancellationToken).ConfigureAwait(false);
        var from = request.From?.Seconds ?? 0;
        var to = Math.Min(request.To?.Seconds ?? info.DurationSeconds, info.DurationSeconds);
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "the span holds no time of the source");
        }

        var step = (to - from) / request.Samples;
        Thumbnail? best = null, brightest = null;
        for (var k = 0; k < request.Samples; k++)
        {
            var at = from + (k + 0.5) * step;
            var frameRequest = new FrameRequest(1, ScoreWidth, null, FramePixelFormat.Gray8) { StartSeconds = at, FrameLimit = 1 };
            await foreach (var frame in decoder.DecodeAsync(request.Input, frameRequest, cancellationToken).ConfigureAwait(false))
            {
                var mean = FrameScore.MeanLuma(frame.Pixels);
                var candidate = new Thumbnail(MediaTime.FromSeconds(at), FrameScore.Sharpness(frame.Pixels, frame.Width, frame.Height), mean);
                if (mean >= FrameScore.BlackBelow && (best is null || candidate.Sharpness > best.Sharpness))
                {
                    best = candidate;
                }

                if (brightest is null || mean > brightest.MeanLuma)
                {
                    brightest = candidate;
                }
            }

            progress?.Report((k + 1.0) / (request.Samples + 1));
        }

        // Every sample black: the brightest one is still the best guess.
        var chosen = best ?? brightest ?? throw new GilgameshException(ErrorCodes.MediaUnreadable, "no frame could be decoded for a thumbnail", 422);
        using var output = new RenderOutput(request.Output);
        var arguments = FFMpegArguments
            .FromFileInput(QuotedPath.Require(request.Input, nameof(request)), verifyExists: false, i => i.WithCustomArgument($"-ss {chosen.Time}"))
            .OutputToFile(output.Temporary, overwrite: true, o => o
                .WithCustomArgument("-frames:v 1" + (request.Width is { } width ? $" -vf scale={width}:-2" : "") + " -q:v 3 -f image2 -c:v mjpeg"))
            .Arguments;
        await runner.RunAsync(arguments, null, null, cancellationToken).ConfigureAwait(false);
        output.Commit();
        progress?.Report(1);
        return chosen;
    }
}
