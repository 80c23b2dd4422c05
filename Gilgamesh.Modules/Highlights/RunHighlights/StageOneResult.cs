using Gilgamesh.Modules.Analysis.Layout;
using Gilgamesh.Modules.Analysis.Silence;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Highlights.Content;

namespace Gilgamesh.Modules.Highlights.RunHighlights;

/// <summary>
/// What the four stage-1 analyses found. <see cref="TranscriptNote"/> says where the transcript came from
/// (or why there is none), in words, for the processing log.
/// </summary>
internal sealed record StageOneResult(double DurationSeconds, SilenceResult? Silence, Transcript? Transcript, string TranscriptNote,
    IReadOnlyList<LectureSlide> Slides, LayoutResult? Layout);
