using Gilgamesh.Modules.Kernel.Media.Render.Composition;
using Gilgamesh.Modules.Kernel.Media.Render.Cuts;
using Gilgamesh.Modules.Kernel.Media.Render.Joins;
using Gilgamesh.Modules.Kernel.Media.Render.Loudness;
using Gilgamesh.Modules.Kernel.Media.Render.Retiming;
using Gilgamesh.Modules.Kernel.Media.Render.Subtitles;
using Gilgamesh.Modules.Kernel.Media.Render.Thumbnails;

namespace Gilgamesh.Modules.Kernel.Media.Render;

/// <summary>
/// The render kit: modules say <em>what</em> they want rendered; the kit builds and runs the ffmpeg commands.
/// Every operation writes its output through a temporary name and renames it when complete (never a partial
/// file), reports progress 0–1 through <c>progress</c> (pass a slice of the job's progress) and stops ffmpeg
/// on cancellation (<c>q</c>, then a kill). Paths are absolute; outputs are MP4 unless the name says otherwise.
/// See docs/render-kit.md.
/// </summary>
internal interface IRenderKit
{
    /// <summary>Frame-exact cut of <c>[Start, End)</c>: copies whole GOPs, re-encodes only the edges; the plan says what was done.</summary>
    Task<SmartCutPlan> CutAsync(CutRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Lays regions of one source out on a 16:9, 9:16 or 1:1 canvas (stacked regions, letterbox/blurred fill, moving crop).</summary>
    Task ComposeAsync(CompositionRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Burns timed cues into the picture with libass (ASS written from <see cref="SubtitleStyle"/>).</summary>
    Task BurnSubtitlesAsync(SubtitleRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Adds the cues as a soft <c>mov_text</c> stream (video and audio copied) and writes a WebVTT sidecar beside the output.</summary>
    Task<string> AddSoftSubtitlesAsync(SubtitleRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>EBU R128 two-pass loudnorm to <see cref="LoudnessTarget"/>; returns the first pass's measurement.</summary>
    Task<LoudnessMeasurement> NormalizeLoudnessAsync(LoudnessRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Changes speed (or fits to an exact frame count) and/or mirrors horizontally.</summary>
    Task RetimeAsync(RetimeRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Joins clips: concat demuxer when their parameters match, concat filter otherwise; optional crossfades at the boundaries.</summary>
    Task<JoinPlan> JoinAsync(JoinRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a representative (non-black, sharpest of the sampled) frame of a span as JPEG.</summary>
    Task<Thumbnail> ThumbnailAsync(ThumbnailRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default);
}
