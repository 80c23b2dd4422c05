using Gilgamesh.Modules.Highlights.Content;
using Gilgamesh.Modules.Highlights.Exports;
using Gilgamesh.Modules.Highlights.Selection;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>The generated lecture's selected clips as a <see cref="Reel"/> on the original file, for the export tests.</summary>
internal static class ReelFixture
{
    public static async Task<(Reel Reel, ContentAnalysis Analysis, LectureTruth Truth)> ReelAsync(int clips = 3)
    {
        var (truth, material) = await LectureFixture.MaterialAsync();
        var analysis = ContentAnalyzer.Analyze(material, new ContentOptions(MinSeconds: 8, MaxSeconds: 20));
        var chosen = ClipSelector.Select(analysis.Candidates, analysis.Chapters.Count, SelectionGoal.Count(clips));
        var info = await MediaTools.Probe.ProbeAsync(truth.VideoPath);
        var video = info.PrimaryVideo!;
        var source = new ReelSource(truth.VideoPath, info.DurationSeconds, video.Width ?? 0, video.Height ?? 0, LectureSpec.FrameRate, 1);
        var reelClips = chosen.Select((c, i) => new ReelClip(i + 1, c.Start, c.End, $"Clip {i + 1}: {analysis.Chapters[c.Chapter].Title}",
            analysis.Chapters[c.Chapter].Title, c.Score, c.Reasons, 0.3 + 0.1 * i)).ToList();
        var captions = analysis.Sentences.Select(s => new ReelCaption(s.Start, s.End, s.Text)).ToList();
        var reel = new Reel("Lecture highlights", source, reelClips, captions, analysis.Chapters.Select(c => (c.Start, c.Title)).ToList());
        return (reel, analysis, truth);
    }
}
