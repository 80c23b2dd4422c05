namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Hard cuts: the content score between consecutive frames reaches the threshold (PySceneDetect's
/// ContentDetector). Gradual transitions (dissolves, fades through black): a per-frame score stays small
/// during a one-second dissolve, so instead the score between frames <c>K</c> apart (K = the gradual
/// window) is watched; a run where it stays above the gradual threshold with no hard cut inside is one
/// transition, placed at the run's middle minus K/2 — the middle of the transition for any transition up
/// to about K long. Motion (a pan) also raises the K-apart score, but steadily: as AdaptiveDetector
/// compares a score with its neighbourhood, a run only counts when its peak is at least
/// <see cref="MinimumRise"/> times the mean K-apart score of the K frames before it and of the K frames
/// after it (so a decision waits K frames; at the start of a file only the "after" side exists). A ring
/// of K+1 reused frames keeps memory flat.
/// </summary>
internal sealed class ContentCutDetector(int pixelCount, double threshold, double gradualThreshold, int gradualFrames, int minSceneFrames) : IFrameCutDetector
{
    public const double MinimumRise = 2.0;

    private readonly HsvFrame[] _ring = Enumerable.Range(0, gradualFrames + 1).Select(_ => new HsvFrame(pixelCount)).ToArray();
    private readonly List<int> _hardCuts = [];
    private readonly double[] _longScores = new double[gradualFrames];
    private double _runBaseline;
    private (int Center, double Peak, double Before)? _pending;
    private double _afterSum;
    private int _afterCount;
    private int _lastCut;
    private int _runStart = -1;
    private int _runEnd;
    private double _runPeak;

    /// <summary>The frame fed last, as HSV (valid until the next <see cref="Add"/>).</summary>
    public HsvFrame Current { get; private set; } = null!;

    /// <summary>The frame before <see cref="Current"/>; null before the second frame.</summary>
    public HsvFrame? Previous { get; private set; }

    /// <summary>Content score between <see cref="Previous"/> and <see cref="Current"/> (0 for the first frame).</summary>
    public double LastScore { get; private set; }

    /// <summary>Feeds analysed frame <paramref name="index"/> (consecutive from 0, planar gbrp); appends the cuts it completes.</summary>
    public void Add(int index, ReadOnlySpan<byte> gbrp, List<FrameCut> cuts)
    {
        var current = _ring[index % _ring.Length];
        current.Fill(gbrp);
        Current = current;
        Previous = index == 0 ? null : _ring[(index - 1) % _ring.Length];
        LastScore = 0;
        if (Previous is null)
        {
            return;
        }

        var score = LastScore = ContentScore.Between(Previous, current);
        if (score >= threshold && index - _lastCut >= minSceneFrames)
        {
            cuts.Add(new FrameCut(index, score, "hard"));
            _hardCuts.Add(index);
            _lastCut = index;
        }

        if (index >= gradualFrames)
        {
            var longScore = ContentScore.Between(_ring[(index - gradualFrames) % _ring.Length], current);
            if (longScore >= gradualThreshold)
            {
                if (_runStart < 0)
                {
                    _runStart = index;
                    _runPeak = 0;
                    _runBaseline = index >= 2 * gradualFrames ? _longScores.Average() : -1;
                }

                _runEnd = index;
                _runPeak = Math.Max(_runPeak, longScore);
            }
            else if (_runStart >= 0)
            {
                CloseRun(cuts);
            }

            TrackPending(longScore, cuts);
            _longScores[index % gradualFrames] = longScore;
        }
    }

    /// <summary>End of stream: a transition still open is closed as it stands.</summary>
    public void Complete(List<FrameCut> cuts)
    {
        if (_runStart >= 0)
        {
            CloseRun(cuts);
        }

        Decide(cuts);
    }

    private void CloseRun(List<FrameCut> cuts)
    {
        var center = (_runStart + _runEnd) / 2 - gradualFrames / 2;
        var start = _runStart;
        _runStart = -1;
        // A hard cut makes the K-apart score high for K frames after it; that run is the same cut.
        if (_hardCuts.Any(h => h >= start - gradualFrames && h <= _runEnd) || _runPeak < MinimumRise * _runBaseline)
        {
            return;
        }

        Decide(cuts);
        _pending = (center, _runPeak, _runBaseline);
        _afterSum = 0;
        _afterCount = 0;
    }

    /// <summary>Collects the K-apart scores after a closed run; after K of them the run is accepted or dropped.</summary>
    private void TrackPending(double longScore, List<FrameCut> cuts)
    {
        if (_pending is null)
        {
            return;
        }

        _afterSum += longScore;
        if (++_afterCount >= gradualFrames)
        {
            Decide(cuts);
        }
    }

    private void Decide(List<FrameCut> cuts)
    {
        if (_pending is not { } p)
        {
            return;
        }

        _pending = null;
        var after = _afterCount > 0 ? _afterSum / _afterCount : 0;
        if (p.Peak >= MinimumRise * Math.Max(after, p.Before) && p.Center - _lastCut >= minSceneFrames && p.Center > 0)
        {
            cuts.Add(new FrameCut(p.Center, p.Peak, "gradual"));
            _lastCut = p.Center;
        }
    }
}
