using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// Deterministic videos with known cuts, built from ffmpeg lavfi sources in one filter graph: shots are
/// joined by <c>concat</c> (a hard cut at an exact frame) or by a 1 s <c>xfade</c> (dissolve or fade
/// through black, truth = its middle). Also a static clip (bars with temporal noise), a slow pan, and text
/// slides where one line changes at known times. Files are short (≤ 15 s) unless a bench asks for more.
/// </summary>
public static class SceneGroundTruth
{
    public const int Fps = 25;
    public const double TransitionSeconds = 1.0;

    private static readonly ConcurrentDictionary<string, Lazy<Task<SceneTruthFile>>> Generated = new();

    /// <summary>Sources that differ strongly from their neighbours in the cycle; <c>{s}</c> is the frame size.</summary>
    public static readonly string[] DistinctSources =
    [
        "testsrc2=s={s}:r=25",
        "smptehdbars=s={s}:r=25",
        "gradients=s={s}:r=25:c0=0x203080:c1=0xe0c040:speed=0.005:seed=1",
        "rgbtestsrc=s={s}:r=25",
        "color=c=0x802040:s={s}:r=25,drawgrid=w=64:h=64:t=4:c=white",
        "testsrc=s={s}:r=25",
    ];

    /// <summary>Six 2 s shots from different sources joined by hard cuts (at frames 50, 100, ... 250).</summary>
    public static Task<SceneTruthFile> HardCutsAsync() => GenerateAsync("scenes-hard.mp4", 640, 360,
        DistinctSources.Select(s => new Shot(s, 2)).ToList());

    /// <summary>
    /// The same six shots encoded the way real files are (x264 veryfast: in-loop deblocking and B-frames, where
    /// the ultrafast files have neither), so decoding that skips the loop filter is tested where it acts.
    /// </summary>
    public static Task<SceneTruthFile> HardCutsDeblockedAsync() => GenerateAsync("scenes-hard-deblocked.mp4", 640, 360,
        DistinctSources.Select(s => new Shot(s, 2)).ToList(), preset: "veryfast");

    /// <summary>Two dissolves and a fade through black, each 1 s, between 4 s shots (middles at 3.5, 6.5, 9.5 s).</summary>
    public static Task<SceneTruthFile> GradualAsync() => GenerateAsync("scenes-gradual.mp4", 640, 360,
    [
        new Shot(DistinctSources[1], 4),
        new Shot(DistinctSources[2], 4, "fade"),
        new Shot(DistinctSources[3], 4, "fade"),
        new Shot(DistinctSources[4], 4, "fadeblack"),
    ]);

    /// <summary>Busy, high-detail, moving sources: every frame differs from the last all over, as in a crowd or foliage shot.</summary>
    public static readonly string[] BusySources =
    [
        "testsrc2=s={s}:r=25",
        "mandelbrot=s={s}:r=25:end_scale=0.02:inner=mincol",
        "cellauto=s={s}:r=25:rule=110:random_fill_ratio=0.5:seed=3:scroll=1:full=1",
        "testsrc=s={s}:r=25,noise=alls=40:allf=t+u",
        "sierpinski=s={s}:r=25:seed=5:jump=40:type=carpet",
        "smptehdbars=s={s}:r=25,noise=alls=50:allf=t+u",
    ];

    /// <summary>
    /// A hard cut and a dissolve of <paramref name="dissolveSeconds"/> between two busy sources: shot A 3 s, hard
    /// cut to B, B 3 s dissolving into C, C 3 s. 320x180 (the engine analyses 160 px wide).
    /// </summary>
    public static Task<SceneTruthFile> BusyDissolveAsync(int from, int to, double dissolveSeconds) =>
        GenerateAsync(FormattableString.Invariant($"scenes-busy-{from}-{to}-{dissolveSeconds:0.0}.mp4"), 320, 180,
        [
            new Shot(BusySources[(from + 2) % BusySources.Length], 3),
            new Shot(BusySources[from], 3),
            new Shot(BusySources[to], 3 + dissolveSeconds, "fade", TransitionSeconds: dissolveSeconds),
        ]);

    /// <summary>10 s of still bars with temporal noise (a locked-off camera): no cuts.</summary>
    public static Task<SceneTruthFile> StaticAsync() => GenerateAsync("scenes-static.mp4", 640, 360,
        [new Shot("smptehdbars=s={s}:r=25,noise=alls=8:allf=t", 10)]);

    /// <summary>10 s slow pan (40 px/s) across a test pattern twice the frame width: no cuts.</summary>
    public static Task<SceneTruthFile> PanAsync() => GenerateAsync("scenes-pan.mp4", 640, 360,
        [new Shot("testsrc=s=1280x360:r=25,crop=640:360:x='t*40':y=0", 10)]);

    /// <summary>Every this many shots of a mixed edit with slides, one is a slide shot.</summary>
    public const int SlideShotEvery = 7;

    /// <summary>A slide shot of a mixed edit: this long, one line changing at these seconds into it.</summary>
    public const double SlideShotSeconds = 13;
    public static readonly double[] SlideShotChanges = [3, 6.4, 10];

    /// <summary>
    /// A mixed edit of <paramref name="seconds"/> for the bench: hard cuts, dissolves and fades through black in
    /// turn; <paramref name="withSlides"/> makes every <see cref="SlideShotEvery"/>th shot a text slide (entered
    /// by a hard cut) whose one line changes three times.
    /// </summary>
    public static Task<SceneTruthFile> MixedAsync(double seconds, int width, int height, string? folder = null, bool withSlides = false)
    {
        var shots = new List<Shot>();
        var transitions = new[] { "cut", "cut", "fade", "cut", "fadeblack" };
        var lengths = new[] { 3.0, 4.2, 5.0, 3.6, 6.0, 4.4 };
        for (double total = 0; total < seconds; )
        {
            var i = shots.Count;
            var shot = withSlides && i % SlideShotEvery == SlideShotEvery - 1
                ? SlideGroundTruth.EditShot(width, height, SlideShotSeconds, SlideShotChanges, i / SlideShotEvery)
                : new Shot(DistinctSources[i % DistinctSources.Length], lengths[i % lengths.Length], i == 0 ? "cut" : transitions[i % transitions.Length]);
            total += shot.Seconds - (shot.Transition == "cut" ? 0 : TransitionSeconds);
            shots.Add(shot);
        }
        var name = FormattableString.Invariant($"scenes-mixed-{seconds:0}s-{height}p{(withSlides ? "-slides" : "")}.mp4");
        return Generated.GetOrAdd(name, n => new Lazy<Task<SceneTruthFile>>(() => GenerateInPartsAsync(Path.Combine(folder ?? MediaGenerator.Folder, n), width, height, shots))).Value;
    }

    /// <summary>
    /// Long edits are encoded a few shots at a time and joined with the concat demuxer (stream copy; the
    /// joins are hard cuts at known frames): one filter graph with hundreds of lavfi inputs makes ffmpeg
    /// queue frames from every input at once (4 GB and rising for 10 minutes of 720p).
    /// </summary>
    private static async Task<SceneTruthFile> GenerateInPartsAsync(string path, int width, int height, IReadOnlyList<Shot> shots)
    {
        var groups = new List<List<Shot>>();
        foreach (var shot in shots)
        {
            if (groups.Count == 0 || (shot.Transition == "cut" && groups[^1].Count >= 5)) groups.Add([shot with { Transition = "cut" }]);
            else groups[^1].Add(shot);
        }
        var truth = new List<TruthCut>();
        var list = new StringBuilder();
        var offset = 0.0;
        for (var i = 0; i < groups.Count; i++)
        {
            var part = FormattableString.Invariant($"{path}.part{i:000}.mp4");
            var (arguments, partTruth, duration) = Build(part, width, height, groups[i]);
            await MediaTools.Runner.RunAsync(arguments);
            if (i > 0) truth.Add(new TruthCut(offset, (int)Math.Round(offset * Fps), "hard"));
            truth.AddRange(partTruth.Select(c => new TruthCut(c.Time + offset, (int)Math.Round((c.Time + offset) * Fps), c.Kind)));
            list.Append(CultureInfo.InvariantCulture, $"file '{part}'\n");
            offset += duration;
        }
        var listFile = path + ".parts.txt";
        await File.WriteAllTextAsync(listFile, list.ToString());
        await MediaTools.Runner.RunAsync($"-y -f concat -safe 0 -i \"{listFile}\" -c copy \"{path}\"");
        for (var i = 0; i < groups.Count; i++) File.Delete(FormattableString.Invariant($"{path}.part{i:000}.mp4"));
        File.Delete(listFile);
        return new SceneTruthFile(path, Fps, offset, truth);
    }

    public static Task<SceneTruthFile> GenerateAsync(string name, int width, int height, IReadOnlyList<Shot> shots, string? folder = null, string preset = "ultrafast") =>
        Generated.GetOrAdd(name, n => new Lazy<Task<SceneTruthFile>>(async () =>
        {
            var path = Path.Combine(folder ?? MediaGenerator.Folder, n);
            var (arguments, truth, duration) = Build(path, width, height, shots, preset);
            await MediaTools.Runner.RunAsync(arguments);
            return new SceneTruthFile(path, Fps, duration, truth);
        })).Value;

    private static (string Arguments, List<TruthCut> Truth, double Duration) Build(string path, int width, int height, IReadOnlyList<Shot> shots, string preset = "ultrafast")
    {
        var size = FormattableString.Invariant($"{width}x{height}");
        var inputs = new StringBuilder();
        var graph = new StringBuilder();
        var truth = new List<TruthCut>();
        var length = 0.0;
        for (var i = 0; i < shots.Count; i++)
        {
            var shot = shots[i];
            inputs.Append(CultureInfo.InvariantCulture, $"-f lavfi -t {shot.Seconds:0.###} -i \"{shot.Source.Replace("{s}", size)}\" ");
            graph.Append(CultureInfo.InvariantCulture, $"[{i}:v]scale={width}:{height},fps={Fps},setsar=1,format=yuv420p,settb=AVTB[s{i}];");
            // A shot's own time starts where it becomes visible: at the cut, or where its xfade begins.
            var transition = shot.TransitionSeconds ?? TransitionSeconds;
            var start = i == 0 || shot.Transition == "cut" ? length : length - transition;
            truth.AddRange((shot.SlideChanges ?? []).Select(t => new TruthCut(start + t, (int)Math.Round((start + t) * Fps), "slide")));
            if (i == 0)
            {
                length = shot.Seconds;
                continue;
            }
            var previous = i == 1 ? "s0" : $"c{i - 1}";
            if (shot.Transition == "cut")
            {
                truth.Add(new TruthCut(length, (int)Math.Round(length * Fps), "hard"));
                graph.Append(CultureInfo.InvariantCulture, $"[{previous}][s{i}]concat=n=2:v=1:a=0[c{i}];");
                length += shot.Seconds;
            }
            else
            {
                var offset = length - transition;
                var middle = offset + transition / 2;
                truth.Add(new TruthCut(middle, (int)Math.Round(middle * Fps), "gradual"));
                graph.Append(CultureInfo.InvariantCulture, $"[{previous}][s{i}]xfade=transition={shot.Transition}:duration={transition:0.###}:offset={offset:0.###}[c{i}];");
                // ffmpeg 5.1's xfade emits one frame more than offset + second input (measured: 3 s + 4 s
                // with a 1 s fade at 2 s gives 201 frames, not 200); later cuts move by that frame.
                length = offset + shot.Seconds + 1.0 / Fps;
            }
        }
        truth.Sort((a, b) => a.Time.CompareTo(b.Time));
        var last = shots.Count == 1 ? "s0" : $"c{shots.Count - 1}";
        var arguments = $"-y {inputs}-filter_complex \"{graph.ToString().TrimEnd(';')}\" -map \"[{last}]\" -c:v libx264 -preset {preset} -crf 20 -pix_fmt yuv420p \"{path}\"";
        return (arguments, truth, length);
    }
}
