using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render;
using Gilgamesh.Modules.Kernel.Media.Render.Composition;
using Gilgamesh.Modules.Kernel.Media.Render.Cuts;
using Gilgamesh.Modules.Kernel.Media.Render.Loudness;
using Gilgamesh.Modules.Kernel.Media.Render.Subtitles;
using Gilgamesh.Modules.Kernel.Media.Render.Thumbnails;

namespace Gilgamesh.Modules.Highlights.Render;

/// <summary>What to render of one clip: its span of the original, the frame, the subtitles and their cues.</summary>
internal sealed record ClipRenderSpec(double Start, double End, string Aspect, string Subtitles, string? Language, IReadOnlyList<SubtitleCue> Cues);

/// <summary>The rendered files in the scratch folder; <see cref="Subtitles"/> is the WebVTT sidecar when there are cues.</summary>
internal sealed record RenderedClip(string Video, string Thumbnail, string? Subtitles, string FramingNote);

/// <summary>
/// Renders one clip with the render kit: 16:9 → a frame-exact smart cut of the original; 9:16 and 1:1 → a composition
/// from the layout (<see cref="ClipFraming"/>; camera only → <see cref="SpeakerTracker"/> + <see cref="CropPath"/>);
/// then subtitles burned (ASS, word highlight with measured word times) or soft (a <c>mov_text</c> stream), loudness
/// to −14 LUFS (peaks limited first when one gain cannot reach it under −1 dBTP: <see cref="PeakLimiter"/>), a thumbnail. Every kit call writes through a temporary name; the caller owns the folder.
/// </summary>
internal sealed class ClipRenderer(IRenderKit kit, SpeakerTracker tracker, PeakLimiter limiter)
{
    public static readonly CropMotion Motion = new();

    public async Task<RenderedClip> RenderAsync(string original, SourceFacts source, ClipRenderSpec spec, IReadOnlyList<Analysis.Layout.LayoutSegment> layout,
        string folder, IJobProgress progress, CancellationToken ct)
    {
        var (start, duration) = (MediaTime.FromSeconds(spec.Start), MediaTime.FromSeconds(spec.End - spec.Start));
        var current = Path.Combine(folder, "picture.mp4");
        string note;
        progress.Stage("picture");
        var canvas = Canvas(spec.Aspect);
        if (canvas is null)
        {
            var plan = await kit.CutAsync(new CutRequest(original, current, start, MediaTime.FromSeconds(spec.End)), progress.Part(0, 0.5), ct);
            note = plan.FullReEncodeReason is { } why ? $"16:9 cut, re-encoded whole: {why}" : "16:9 smart cut";
        }
        else
        {
            var framing = ClipFraming.Choose(layout, spec.Start, spec.End, source.Width, source.Height, canvas.Value);
            var composition = await CompositionOfAsync(original, source, framing, spec, ct);
            await kit.ComposeAsync(new CompositionRequest(original, current, canvas.Value, composition, start, duration), progress.Part(0.05, 0.5), ct);
            note = $"{spec.Aspect} {framing.Why}";
        }

        if (spec.Subtitles == "burned" && spec.Cues.Count > 0)
        {
            progress.Stage("burning subtitles");
            var burned = Path.Combine(folder, "burned.mp4");
            var size = canvas?.Width ?? source.Width;
            await kit.BurnSubtitlesAsync(new SubtitleRequest(current, burned, spec.Cues, Style(size)), progress.Part(0.5, 0.7), ct);
            current = burned;
        }

        if (source.HasAudio)
        {
            progress.Stage("loudness");
            var loud = Path.Combine(folder, "loud.mp4");
            var measured = await kit.NormalizeLoudnessAsync(new LoudnessRequest(current, loud, LoudnessTarget.Streaming), progress.Part(0.7, 0.8), ct);
            if (PeakLimiter.GainNeeded(measured, LoudnessTarget.Streaming) is { } gain)
            {
                // Speech peaks too high for one gain under the ceiling: loudnorm fell back to its dynamic mode, which stays
                // 1–2 LU short on short clips. Limit the peaks while raising the level, then normalise again.
                progress.Stage("loudness (peak limiting)");
                var limited = Path.Combine(folder, "limited.mp4");
                await limiter.LimitAsync(current, limited, gain, ct);
                File.Delete(loud);
                await kit.NormalizeLoudnessAsync(new LoudnessRequest(limited, loud, LoudnessTarget.Streaming), progress.Part(0.8, 0.85), ct);
            }
            current = loud;
        }

        string? sidecar = null;
        var final = Path.Combine(folder, "clip.mp4");
        if (spec.Subtitles == "soft" && spec.Cues.Count > 0)
        {
            progress.Stage("soft subtitles");
            sidecar = await kit.AddSoftSubtitlesAsync(new SubtitleRequest(current, final, spec.Cues, null, Iso6392(spec.Language)), progress.Part(0.85, 0.9), ct);
        }
        else
        {
            File.Move(current, final);
            if (spec.Cues.Count > 0)
            {
                sidecar = final + ".vtt";
                await File.WriteAllTextAsync(sidecar, WebVttDocument.Render(spec.Cues), ct);
            }
        }

        progress.Stage("thumbnail");
        var thumbnail = Path.Combine(folder, "thumbnail.jpg");
        await kit.ThumbnailAsync(new ThumbnailRequest(final, thumbnail, Samples: 8, Width: 540), progress.Part(0.9, 1), ct);
        return new RenderedClip(final, thumbnail, sidecar, note);
    }

    private async Task<CompositionLayout> CompositionOfAsync(string original, SourceFacts source, Framing framing, ClipRenderSpec spec, CancellationToken ct)
    {
        switch (framing)
        {
            case StackedFraming stacked:
                return new StackedLayout(stacked.Slide, stacked.Camera, stacked.TopShare);
            case FittedFraming fitted:
                return new SingleRegionLayout(fitted.Region, BackgroundFill.Blur);
            case FollowFraming follow:
                var samples = await tracker.TrackAsync(original, source.Width, source.Height, spec.Start, spec.End - spec.Start, ct);
                var path = CropPath.Smooth(samples, source.Width, source.Height, follow.Width, follow.Height, Motion);
                return new MovingCropLayout(path.Select(p => new CropKeyframe(MediaTime.FromSeconds(p.Time), Window(p, follow, source))).ToList());
            default:
                throw new InvalidOperationException($"unknown framing {framing}");
        }
    }

    private static Region Window(CropCentre centre, FollowFraming follow, SourceFacts source) => new(
        Math.Clamp((int)Math.Round(centre.X - follow.Width / 2.0), 0, source.Width - follow.Width),
        Math.Clamp((int)Math.Round(centre.Y - follow.Height / 2.0), 0, source.Height - follow.Height),
        follow.Width, follow.Height);

    private static Canvas? Canvas(string aspect) => aspect switch
    {
        "9:16" => Kernel.Media.Render.Composition.Canvas.Portrait,
        "1:1" => Kernel.Media.Render.Composition.Canvas.Square,
        _ => null,
    };

    /// <summary>Font size a twentieth of the width: a 24-character line fits a 9:16 frame inside the 10 % safe area.</summary>
    public static SubtitleStyle Style(int width) => new(FontSize: Math.Max(16, (int)Math.Round(width * 0.052)), Outline: Math.Max(2, width / 270));

    /// <summary>The ISO 639-2 code a soft subtitle stream carries, for the common lecture languages; <c>und</c> otherwise.</summary>
    public static string Iso6392(string? language) => (language?.Split('-')[0].ToLowerInvariant()) switch
    {
        "en" => "eng",
        "de" => "deu",
        "fr" => "fra",
        "es" => "spa",
        "it" => "ita",
        "pt" => "por",
        "nl" => "nld",
        "pl" => "pol",
        "ru" => "rus",
        "ja" => "jpn",
        "zh" => "zho",
        _ => "und",
    };
}
