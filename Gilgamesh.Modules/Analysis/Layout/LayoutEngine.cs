using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>
/// Lecture layout from sampled frames: luma (Gray8) frames at <see cref="LayoutOptions.SampleFps"/> and 320x180 from the
/// kernel decoder (ffmpeg's own Y plane: converting through RGB here measured a third less camera noise, which hid parts of the camera) → luma differences per window (<see cref="ActivityWindow"/>) → one observation per window
/// (<see cref="LayoutClassifier"/>) → segments and change times (<see cref="LayoutSegmenter"/>).
/// Holds one window of difference buffers and one small record per window: flat memory for long lectures.
/// </summary>
internal sealed class LayoutEngine(FrameDecoder decoder, MediaProbe probe)
{
    public async Task<LayoutResult> RunAsync(string path, LayoutOptions options, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        Validate(options);
        var info = await probe.ProbeAsync(path, ct).ConfigureAwait(false);
        if (info.PrimaryVideo is null || info.FormatName.EndsWith("_pipe", StringComparison.Ordinal) || info.FormatName == "image2" || info.DurationSeconds <= 0)
        {
            throw new GilgameshException(LayoutErrorCodes.NotAVideo, $"layout needs a video; {Path.GetFileName(path)} has no moving picture", 422);
        }

        int width = options.AnalysisWidth, height = options.AnalysisHeight;
        var framesPerWindow = Math.Max(2, (int)Math.Round(options.SampleFps * options.WindowSeconds));
        var activity = new ActivityWindow(width, height, framesPerWindow);
        var observations = new List<LayoutObservation>();
        var frameDifferences = new List<(double Time, double Difference)>();
        byte[]? previous = null;
        var windowIndex = 0;
        var lastTime = 0.0;

        var request = new FrameRequest(options.SampleFps, width, height, FramePixelFormat.Gray8);
        await foreach (var frame in decoder.DecodeAsync(path, request, ct).ConfigureAwait(false))
        {
            var index = (int)Math.Floor(frame.TimeSeconds / options.WindowSeconds + 1e-9);
            if (index != windowIndex && activity.Count > 0 && previous is not null)
            {
                observations.Add(Observe(activity, options, windowIndex, previous, width, height));
                activity.Reset();
            }
            windowIndex = index;

            var luma = frame.Pixels;
            if (previous is not null)
            {
                activity.Add(previous, luma);
                frameDifferences.Add((frame.TimeSeconds, MeanDifference(previous, luma)));
            }
            previous = luma;
            lastTime = frame.TimeSeconds;
            progress?.Report(Math.Min(1, frame.TimeSeconds / info.DurationSeconds));
        }

        if (previous is null)
        {
            throw new GilgameshException(LayoutErrorCodes.NotAVideo, $"no frames could be decoded from {Path.GetFileName(path)}", 422);
        }
        if (activity.Count > 0)
        {
            observations.Add(Observe(activity, options, windowIndex, previous, width, height));
        }

        var duration = Math.Round(Math.Max(info.DurationSeconds, lastTime), 3);
        if (observations.Count == 0)
        {
            // A clip shorter than one frame difference: a still, which reads as a slide.
            observations.Add(LayoutClassifier.Classify(0, duration, new bool[width * height], previous, width, height));
        }

        var (segments, changes) = LayoutSegmenter.Build(observations, frameDifferences, duration);
        var dominant = segments.GroupBy(s => s.Layout).MaxBy(g => g.Sum(s => s.End - s.Start))!.Key;
        progress?.Report(1);
        return new LayoutResult(duration, dominant, segments, changes);
    }

    private static LayoutObservation Observe(ActivityWindow activity, LayoutOptions options, int windowIndex, byte[] lastLuma, int width, int height) =>
        LayoutClassifier.Classify(windowIndex * options.WindowSeconds, (windowIndex + 1) * options.WindowSeconds,
            activity.LiveMask(options.ActivityThreshold), lastLuma, width, height);

    private static double MeanDifference(byte[] a, byte[] b)
    {
        long total = 0;
        for (var i = 0; i < a.Length; i++) total += Math.Abs(a[i] - b[i]);
        return (double)total / a.Length;
    }

    private static void Validate(LayoutOptions options)
    {
        if (!double.IsFinite(options.SampleFps) || options.SampleFps <= 0 || options.SampleFps > 30)
            throw new GilgameshException(LayoutErrorCodes.InvalidOption, "--fps must be between 0 and 30", 400);
        if (!double.IsFinite(options.WindowSeconds) || options.WindowSeconds * options.SampleFps < 2)
            throw new GilgameshException(LayoutErrorCodes.InvalidOption, "--window must hold at least two sampled frames (window × fps ≥ 2)", 400);
        if (options.AnalysisWidth is < 64 or > 1920 || options.AnalysisHeight is < 36 or > 1080)
            throw new GilgameshException(LayoutErrorCodes.InvalidOption, "analysis size must be 64x36 to 1920x1080", 400);
    }
}
