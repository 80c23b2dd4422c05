namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Finds gradual transitions in one series of K-apart scores (the score between frames K apart, K = the gradual
/// window): a run where it stays at or above <c>threshold</c> with no hard cut inside is one transition, placed
/// at the run's middle minus K/2 — the middle of the transition for any transition up to about K long. Motion
/// also raises K-apart scores, but steadily: as AdaptiveDetector compares a score with its neighbourhood, a run
/// only counts when its peak is at least <see cref="ContentCutDetector.MinimumRise"/> times the mean K-apart
/// score of the K frames before it and of the K frames after it (so a decision waits K frames; at the start of
/// a file only the "after" side exists). A run is dropped when it overlaps the span of a transition already
/// reported by the other series (<see cref="CutSpacing.Claims"/>): two series, one transition, one cut — a
/// busy source that keeps changing after a dissolve can stretch one series' run a second past the other's.
/// </summary>
/// <param name="dropsHardCutRuns">
/// The series compares across hard cuts, so a run with a hard cut inside it (a hard cut raises the K-apart score for
/// K frames) is that cut, not a transition. A series that never compares across a hard cut passes false.
/// </param>
internal sealed class GradualRun(double threshold, int gradualFrames, double scoreScale, bool dropsHardCutRuns = true)
{
    private readonly double[] _recent = new double[gradualFrames];
    private double _runBaseline;
    private (int Center, double Peak, double Before, int From, int To)? _pending;
    private double _afterSum;
    private int _afterCount;
    private int _runStart = -1;
    private int _runEnd;
    private double _runPeak;

    /// <summary>Feeds the K-apart score of frame <paramref name="index"/> (from frame K on, consecutively).</summary>
    public void Add(int index, double score, IReadOnlyList<int> hardCuts, CutSpacing spacing, List<FrameCut> cuts)
    {
        if (score >= threshold)
        {
            if (_runStart < 0)
            {
                _runStart = index;
                _runPeak = 0;
                _runBaseline = index >= 2 * gradualFrames ? _recent.Average() : -1;
            }

            _runEnd = index;
            _runPeak = Math.Max(_runPeak, score);
        }
        else if (_runStart >= 0)
        {
            Close(hardCuts, spacing, cuts);
        }

        if (_pending is not null)
        {
            _afterSum += score;
            if (++_afterCount >= gradualFrames)
            {
                Decide(spacing, cuts);
            }
        }

        _recent[index % gradualFrames] = score;
    }

    /// <summary>End of stream: a transition still open is closed as it stands.</summary>
    public void Complete(IReadOnlyList<int> hardCuts, CutSpacing spacing, List<FrameCut> cuts)
    {
        if (_runStart >= 0)
        {
            Close(hardCuts, spacing, cuts);
        }

        Decide(spacing, cuts);
    }

    private void Close(IReadOnlyList<int> hardCuts, CutSpacing spacing, List<FrameCut> cuts)
    {
        var center = (_runStart + _runEnd) / 2 - gradualFrames / 2;
        var start = _runStart;
        _runStart = -1;
        // A hard cut makes the K-apart score high for K frames after it; that run is the same cut.
        if ((dropsHardCutRuns && hardCuts.Any(h => h >= start - gradualFrames && h <= _runEnd)) || _runPeak < ContentCutDetector.MinimumRise * _runBaseline)
        {
            return;
        }

        Decide(spacing, cuts);
        _pending = (center, _runPeak, _runBaseline, start - gradualFrames, _runEnd);
        _afterSum = 0;
        _afterCount = 0;
    }

    private void Decide(CutSpacing spacing, List<FrameCut> cuts)
    {
        if (_pending is not { } p)
        {
            return;
        }

        _pending = null;
        var after = _afterCount > 0 ? _afterSum / _afterCount : 0;
        if (spacing.Claims.Any(c => p.From <= c.To && p.To >= c.From))
        {
            return;
        }

        if (p.Peak >= ContentCutDetector.MinimumRise * Math.Max(after, p.Before) && spacing.Allows(p.Center) && p.Center > 0)
        {
            cuts.Add(new FrameCut(p.Center, Math.Round(p.Peak * scoreScale, 3), "gradual"));
            spacing.Mark(p.Center);
            spacing.Claims.Add((p.From, p.To));
        }
    }
}

/// <summary>The last cut's frame, shared by the detectors of one stream so no two cuts come closer than the minimum scene.</summary>
internal sealed class CutSpacing(int minSceneFrames)
{
    public int LastCut { get; private set; }

    public bool Allows(int frame) => frame - LastCut >= minSceneFrames;

    public void Mark(int frame) => LastCut = Math.Max(LastCut, frame);

    /// <summary>The frame spans (from the run's first comparison frame to its last frame) of the gradual transitions reported.</summary>
    public List<(int From, int To)> Claims { get; } = [];
}
