using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// The scene engine: streams downscaled frames from the kernel decoder through the content, slides or
/// mixed detector, then turns cuts into scenes and, on request, writes a keyframe per scene. A long file is
/// split into one part per processor (see <see cref="AnalysisSegment"/>), each decoded by a single-threaded
/// ffmpeg and analysed on its own thread: the same frames for less CPU than one frame-threaded decoder.
/// Cancelling the token kills every decoder's ffmpeg.
/// </summary>
internal sealed class SceneDetector(FrameDecoder decoder, MediaProbe probe, KeyframeWriter keyframes)
{
    public async Task<SceneResult> DetectAsync(string path, SceneOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        var video = info.PrimaryVideo
            ?? throw new GilgameshException(ErrorCodes.MediaUnreadable, $"no video stream in {Path.GetFileName(path)}", 422);
        var sourceFps = video.FramesPerSecond is > 0 and { } f ? f : 25;
        var slides = options.Mode == SceneMode.Slides;
        var fps = options.Fps ?? (slides ? Math.Min(5, sourceFps) : sourceFps);
        var displayedWidth = Math.Abs(video.Rotation) % 180 == 90 ? video.Height : video.Width;
        var width = Math.Max(16, Math.Min(options.EffectiveWidth, displayedWidth ?? options.EffectiveWidth) / 2 * 2);
        // Analysis frames: fast decoding, and one reused buffer (every detector copies what it keeps).
        var request = new FrameRequest(fps, width, null, slides ? FramePixelFormat.Gray8 : FramePixelFormat.Gbrp)
        {
            Fidelity = FrameFidelity.Fast,
            ReuseBuffer = true,
        };
        var minSceneFrames = Math.Max(1, (int)Math.Ceiling(options.EffectiveMinSceneSeconds * fps));
        var expectedFrames = (int)Math.Min(int.MaxValue / 2, Math.Max(1, info.DurationSeconds * fps));
        var segments = AnalysisSegment.Plan(expectedFrames, fps, MarginFrames(options, fps), options.Decoders ?? Environment.ProcessorCount, options.MinimumSegmentSeconds);
        var threads = segments.Count > 1 ? Math.Max(1, (options.Decoders ?? Environment.ProcessorCount) / segments.Count) : (int?)null;

        var detection = new SegmentedDetection(decoder, path, info, expectedFrames, progress);
        var (cuts, frames, height) = await detection.RunAsync(
            segments,
            segment => request with
            {
                // A quarter of a source frame early: a seek rounded to microseconds cannot skip the first frame,
                // which still lands in the fps filter's first slot (half a frame is a tie ffmpeg rounds up: a duplicate).
                StartSeconds = segment.DecodeFrom == 0 ? null : Math.Max(0, segment.DecodeFrom / fps - 0.25 / sourceFps),
                FrameLimit = segment.DecodeCount,
                DecoderThreads = threads,
            },
            pixels => CreateDetector(options, pixels, fps, minSceneFrames),
            cancellationToken).ConfigureAwait(false);

        var duration = Math.Round(Math.Max(frames / fps, 0), 3);
        var sceneCuts = cuts.Select(c => new SceneCut(Math.Round(c.Frame / fps, 3), (int)Math.Round(c.Frame / fps * sourceFps), Math.Round(c.Score, 2), c.Kind)).ToList();
        var scenes = await BuildScenesAsync(path, sceneCuts, duration, sourceFps, options, cancellationToken).ConfigureAwait(false);
        progress?.Report(1);
        return new SceneResult(options.Mode.ToString().ToLowerInvariant(), Math.Round(sourceFps, 3), Math.Round(fps, 3), width, height, frames, duration, sceneCuts, scenes);
    }

    /// <summary>
    /// Frames a part decodes beyond its own range on each side: every decision looks back and waits at most
    /// two gradual windows, a minimum scene and a slide still window (one second spare).
    /// </summary>
    private static int MarginFrames(SceneOptions options, double fps) =>
        (int)Math.Ceiling((2 * options.GradualWindowSeconds + options.EffectiveMinSceneSeconds + SceneOptions.SlideStillSeconds + 1) * fps);

    private static IFrameCutDetector CreateDetector(SceneOptions options, int pixels, double fps, int minSceneFrames)
    {
        if (options.Mode == SceneMode.Slides)
        {
            return new SlideChangeDetector(pixels, options.EffectiveThreshold, options.PixelDelta, minSceneFrames);
        }

        var gradualFrames = Math.Max(2, (int)Math.Round(options.GradualWindowSeconds * fps));
        var content = new ContentCutDetector(pixels, options.EffectiveThreshold, options.GradualThreshold, gradualFrames, minSceneFrames);
        if (options.Mode == SceneMode.Content)
        {
            return content;
        }

        var stillFrames = Math.Max(1, (int)Math.Round(SceneOptions.SlideStillSeconds * fps));
        var slides = new SlideStepDetector(pixels, options.SlideThreshold, options.EffectiveThreshold, options.PixelDelta, stillFrames);
        return new MixedCutDetector(content, slides, minSceneFrames);
    }

    private async Task<List<SceneSpan>> BuildScenesAsync(string path, List<SceneCut> cuts, double duration, double sourceFps, SceneOptions options, CancellationToken cancellationToken)
    {
        var scenes = new List<SceneSpan>();
        if (duration <= 0)
        {
            return scenes;
        }

        var starts = cuts.Select(c => c.Time).Prepend(0.0).ToList();
        var ends = starts.Skip(1).Append(duration).ToList();
        var middles = starts.Select((start, i) => Math.Round((start + ends[i]) / 2, 3)).ToList();
        var images = options.KeyframesDirectory is null
            ? null
            : await keyframes.WriteAsync(path, middles, sourceFps, duration, options.KeyframesDirectory, options.KeyframesOnePass, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < starts.Count; i++)
        {
            scenes.Add(new SceneSpan(i + 1, starts[i], ends[i], (int)Math.Round(starts[i] * sourceFps), Math.Max(0, (int)Math.Round(ends[i] * sourceFps) - 1), middles[i], images?[i]));
        }

        return scenes;
    }
}
