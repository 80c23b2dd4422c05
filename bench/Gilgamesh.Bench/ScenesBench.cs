using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Bench;

/// <summary>
/// `analyze scenes` (Release App binary) against ffmpeg's `scdet` (default threshold 10) on the same
/// generated 10-minute 720p edit of hard cuts, dissolves and fades through black. F1 counts a hard cut
/// found within ±1 frame and a gradual one within ±0.5 s; also the ffmpeg decode-and-downscale floor.
/// </summary>
internal sealed partial class ScenesBench(BenchOptions options) : IBenchmark
{
    private const double Seconds = 600;

    public async Task RunAsync(BenchResult result)
    {
        var work = Machine.TempDir("scenes");
        try
        {
            var clock = Stopwatch.StartNew();
            var truth = await SceneGroundTruth.MixedAsync(Seconds, 1280, 720, work);
            Console.WriteLine($"file: {truth.Path}, {truth.DurationSeconds:0} s 720p25 H.264, {truth.OfKind("hard").Count} hard + {truth.OfKind("gradual").Count} gradual cuts, generated in {clock.Elapsed.TotalSeconds:0} s");

            clock.Restart();
            var (code, stdout, stderr) = await Proc.RunAsync("dotnet", [options.AppDll, "analyze", "scenes", truth.Path]);
            var oursSeconds = clock.Elapsed.TotalSeconds;
            if (code != 0) throw new InvalidOperationException($"analyze scenes failed ({code}): {stderr}");
            var ours = JsonNode.Parse(stdout)!["cuts"]!.AsArray().Select(c => (double)c!["time"]!).ToList();

            var scdetArgs = $"-hide_banner -nostats -i {truth.Path} -vf scdet=threshold=10 -f null -";
            clock.Restart();
            var (scode, _, serr) = await Proc.RunAsync("ffmpeg", scdetArgs.Split(' '));
            var scdetSeconds = clock.Elapsed.TotalSeconds;
            if (scode != 0) throw new InvalidOperationException($"ffmpeg scdet failed: {serr}");
            var theirs = ScdetTime().Matches(serr).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

            var floorArgs = $"-hide_banner -nostats -i {truth.Path} -vf scale=160:90 -f null -";
            clock.Restart();
            await Proc.RunAsync("ffmpeg", floorArgs.Split(' '));
            var floorSeconds = clock.Elapsed.TotalSeconds;

            var (oursF1, oursHard, oursGradual) = Score(truth, ours);
            var (theirF1, theirHard, theirGradual) = Score(truth, theirs);
            Console.WriteLine($"ours:   dotnet Gilgamesh.App.dll analyze scenes {Path.GetFileName(truth.Path)}  -> {oursSeconds:0.0} s, {ours.Count} cuts, F1 {oursF1:0.000} (hard recall {oursHard:0.000}, gradual recall {oursGradual:0.000})");
            Console.WriteLine($"scdet:  ffmpeg {scdetArgs}  -> {scdetSeconds:0.0} s, {theirs.Count} cuts, F1 {theirF1:0.000} (hard recall {theirHard:0.000}, gradual recall {theirGradual:0.000})");
            Console.WriteLine($"floor:  ffmpeg {floorArgs}  -> {floorSeconds:0.0} s");
            result.Add("analyze scenes wall time", oursSeconds, "s");
            result.Add("ffmpeg scdet wall time", scdetSeconds, "s");
            result.Add("ffmpeg decode+downscale floor", floorSeconds, "s");
            result.Add("wall-time ratio ours / scdet", oursSeconds / scdetSeconds, "x", "<= 1.0", oursSeconds / scdetSeconds <= 1.0);
            result.Add("ours F1", oursF1, "", ">= 0.9", oursF1 >= 0.9);
            result.Add("scdet F1", theirF1, "");
            result.Add("ours gradual recall", oursGradual, "");
            result.Add("scdet gradual recall", theirGradual, "");
        }
        finally
        {
            Machine.TryDeleteDirectory(work);
        }
    }

    /// <summary>One-to-one matching: hard truth within ±1 frame, gradual truth within ±0.5 s of a detection.</summary>
    private static (double F1, double HardRecall, double GradualRecall) Score(SceneTruthFile truth, List<double> found)
    {
        var used = new bool[found.Count];
        int hard = 0, gradual = 0;
        foreach (var cut in truth.Cuts)
        {
            var tolerance = cut.Kind == "hard" ? 1.0 / truth.Fps + 1e-6 : 0.5;
            var best = -1;
            for (var i = 0; i < found.Count; i++)
                if (!used[i] && Math.Abs(found[i] - cut.Time) <= tolerance && (best < 0 || Math.Abs(found[i] - cut.Time) < Math.Abs(found[best] - cut.Time))) best = i;
            if (best < 0) continue;
            used[best] = true;
            if (cut.Kind == "hard") hard++; else gradual++;
        }
        var matched = hard + gradual;
        var f1 = truth.Cuts.Count + found.Count == 0 ? 1 : 2.0 * matched / (truth.Cuts.Count + found.Count);
        return (f1, (double)hard / Math.Max(1, truth.OfKind("hard").Count), (double)gradual / Math.Max(1, truth.OfKind("gradual").Count));
    }

    [GeneratedRegex(@"lavfi\.scd\.time: ([\d.]+)")]
    private static partial Regex ScdetTime();
}
