namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Hard cuts: the content score between consecutive frames reaches the threshold (PySceneDetect's
/// ContentDetector). Gradual transitions (dissolves, fades through black): a per-frame score stays small
/// during a one-second dissolve, so instead scores between frames K apart (K = the gradual window) are
/// watched for a run that rises over its neighbourhood (<see cref="GradualRun"/>), in two series:
/// the content score (pixel by pixel) and the colour-histogram distance (<see cref="ColourHistogram"/>).
/// The pixel series misses a dissolve between two busy, moving sources: frames a second apart differ all
/// over within either source already, so the dissolve does not rise over that. Their colour distributions
/// stay nearly put while the content moves and change across the dissolve, which the histogram series sees.
/// "Nearly": a source whose palette drifts (a colour-cycling pattern, a changing light) keeps its K-apart
/// distance at a steady level, so the series is measured over its own running floor, the lowest distance
/// of the last 2K frames; a steady level is no run, and it cannot join a hard cut's aftermath into one.
/// The histogram series never compares across a hard cut: it pauses for the K frames after one and then starts
/// afresh, its floor the new shot's own, so the cut's aftermath is no run, a dissolve that starts soon after a hard
/// cut (a short shot) is not swallowed by it, and a drifting source after a cut is not measured against the calm
/// shot before it. Whichever series decides first places the cut; a run of the other that overlaps
/// it is the same transition (<see cref="CutSpacing.Claims"/>).
/// Hard cuts follow AdaptiveDetector too: a busy source (a scrolling automaton, a fine pattern downscaled) can keep
/// its frame-to-frame score above the threshold, so a cut must also reach <see cref="HardCutRise"/> times the mean
/// score of the <see cref="HardCutHistory"/> frames before it. A ring of K+1 reused frames keeps memory flat.
/// </summary>
internal sealed class ContentCutDetector : IFrameCutDetector
{
    public const double MinimumRise = 2.0;

    /// <summary>Rise of the K-apart histogram distance (0–1) over its running floor a run must reach; a pan or a moving pattern stays under 0.1.</summary>
    public const double GradualHistogramThreshold = 0.2;

    /// <summary>A hard cut's score over the mean score of the frames just before it (PySceneDetect's AdaptiveDetector uses 3 on both sides; 1.5 on the side already seen keeps cuts out of busy sources without waiting).</summary>
    public const double HardCutRise = 1.5;

    /// <summary>Frames before a candidate hard cut whose mean score it must rise over.</summary>
    public const int HardCutHistory = 5;

    private readonly double _threshold;
    private readonly int _gradualFrames;
    private readonly HsvFrame[] _ring;
    private readonly ColourHistogram[] _histograms;
    private readonly List<int> _hardCuts = [];
    private readonly GradualRun _pixelRun;
    private readonly GradualRun _histogramRun;
    private readonly CutSpacing _spacing;
    private readonly double[] _recentDistances;
    private readonly double[] _recentScores = new double[HardCutHistory];

    public ContentCutDetector(int pixelCount, double threshold, double gradualThreshold, int gradualFrames, int minSceneFrames)
    {
        _threshold = threshold;
        _gradualFrames = gradualFrames;
        _ring = Enumerable.Range(0, gradualFrames + 1).Select(_ => new HsvFrame(pixelCount)).ToArray();
        _histograms = Enumerable.Range(0, gradualFrames + 1).Select(_ => new ColourHistogram()).ToArray();
        _pixelRun = new GradualRun(gradualThreshold, gradualFrames, 1);
        // Reported on the content score's 0–255 scale.
        _histogramRun = new GradualRun(GradualHistogramThreshold, gradualFrames, 255, dropsHardCutRuns: false);
        _spacing = new CutSpacing(minSceneFrames);
        _recentDistances = new double[2 * gradualFrames];
        Array.Fill(_recentDistances, double.MaxValue);
    }

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
        var histogram = _histograms[index % _histograms.Length];
        histogram.Fill(current);
        Current = current;
        Previous = index == 0 ? null : _ring[(index - 1) % _ring.Length];
        LastScore = 0;
        if (Previous is null)
        {
            return;
        }

        var score = LastScore = ContentScore.Between(Previous, current);
        // Scores of frames 1.. sit at index % HardCutHistory; until the ring is full only those are averaged.
        var before = index <= 1 ? 0 : index > HardCutHistory ? _recentScores.Average() : _recentScores.Skip(1).Take(index - 1).Average();
        if (score >= _threshold && score >= HardCutRise * before && _spacing.Allows(index))
        {
            cuts.Add(new FrameCut(index, score, "hard"));
            _hardCuts.Add(index);
            // The new shot's histogram series starts afresh: its floor is its own, not the last shot's.
            Array.Fill(_recentDistances, double.MaxValue);
            _spacing.Mark(index);
        }

        _recentScores[index % HardCutHistory] = score;
        if (index >= _gradualFrames)
        {
            var earlier = (index - _gradualFrames) % _ring.Length;
            _pixelRun.Add(index, ContentScore.Between(_ring[earlier], current), _hardCuts, _spacing, cuts);
            // Never across a hard cut: for K frames after one the series waits (a zero closes any run still open).
            if (_hardCuts.Count > 0 && _hardCuts[^1] > index - _gradualFrames)
            {
                _histogramRun.Add(index, 0, _hardCuts, _spacing, cuts);
                return;
            }

            var distance = ColourHistogram.Distance(_histograms[earlier], histogram);
            _recentDistances[index % _recentDistances.Length] = distance;
            _histogramRun.Add(index, distance - _recentDistances.Min(), _hardCuts, _spacing, cuts);
        }
    }

    /// <summary>End of stream: a transition still open is closed as it stands.</summary>
    public void Complete(List<FrameCut> cuts)
    {
        _pixelRun.Complete(_hardCuts, _spacing, cuts);
        _histogramRun.Complete(_hardCuts, _spacing, cuts);
    }
}
