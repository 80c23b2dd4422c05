using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// The scene engine: streams downscaled frames from the kernel decoder through the content (or slides)
/// detector, then turns cuts into scenes and, on request, writes a keyframe per scene. Cancelling the
/// token kills the decoder's ffmpeg.
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
        var request = new FrameRequest(fps, width, null, slides ? FramePixelFormat.Gray8 : FramePixelFormat.Rgb24);
        var minSceneFrames = Math.Max(1, (int)Math.Ceiling(options.EffectiveMinSceneSeconds * fps));
        var expectedFrames = Math.Max(1, info.DurationSeconds * fps);

        var cuts = new List<FrameCut>();
        Func<int, byte[], IEnumerable<FrameCut>>? add = null;
        Func<IEnumerable<FrameCut>> complete = () => [];
        int frames = 0, height = 0;
        await foreach (var frame in decoder.DecodeAsync(path, request, cancellationToken).ConfigureAwait(false))
        {
            if (add is null)
            {
                height = frame.Height;
                var pixels = frame.Width * frame.Height;
                if (slides)
                {
                    add = new SlideChangeDetector(pixels, options.EffectiveThreshold, options.PixelDelta, minSceneFrames).Add;
                }
                else
                {
                    var gradualFrames = Math.Max(2, (int)Math.Round(options.GradualWindowSeconds * fps));
                    var content = new ContentCutDetector(pixels, options.EffectiveThreshold, options.GradualThreshold, gradualFrames, minSceneFrames);
                    add = content.Add;
                    complete = content.Complete;
                }
            }

            cuts.AddRange(add(frame.Index, frame.Pixels));
            frames++;
            if (progress is not null && frames % 25 == 0)
            {
                progress.Report(Math.Min(0.99, frames / expectedFrames));
            }
        }

        cuts.AddRange(complete());
        cuts.Sort((a, b) => a.Frame.CompareTo(b.Frame));
        var duration = Math.Round(Math.Max(frames / fps, 0), 3);
        var sceneCuts = cuts.Select(c => new SceneCut(Math.Round(c.Frame / fps, 3), (int)Math.Round(c.Frame / fps * sourceFps), Math.Round(c.Score, 2), c.Kind)).ToList();
        var scenes = await BuildScenesAsync(path, sceneCuts, duration, sourceFps, options.KeyframesDirectory, cancellationToken).ConfigureAwait(false);
        progress?.Report(1);
        return new SceneResult(slides ? "slides" : "content", Math.Round(sourceFps, 3), Math.Round(fps, 3), width, height, frames, duration, sceneCuts, scenes);
    }

    private async Task<List<SceneSpan>> BuildScenesAsync(string path, List<SceneCut> cuts, double duration, double sourceFps, string? keyframeDirectory, CancellationToken cancellationToken)
    {
        var scenes = new List<SceneSpan>();
        if (duration <= 0)
        {
            return scenes;
        }

        var starts = new[] { 0.0 }.Concat(cuts.Select(c => c.Time)).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            var end = i + 1 < starts.Count ? starts[i + 1] : duration;
            var middle = Math.Round((start + end) / 2, 3);
            var keyframe = keyframeDirectory is null ? null : await keyframes.WriteAsync(path, middle, keyframeDirectory, i + 1, cancellationToken).ConfigureAwait(false);
            scenes.Add(new SceneSpan(i + 1, start, end, (int)Math.Round(start * sourceFps), Math.Max(0, (int)Math.Round(end * sourceFps) - 1), middle, keyframe));
        }

        return scenes;
    }
}
