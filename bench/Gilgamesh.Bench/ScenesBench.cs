using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Bench;

/// <summary>
/// `analyze scenes --mode mixed` (Release App binary) against ffmpeg's `scdet` (default threshold 10) on the
/// same generated 10-minute 720p edit of hard cuts, dissolves, fades through black and text slides whose one
/// line changes. Each run times, in turn (the order alternates between runs): ours, scdet, ffmpeg's bare
/// decode (the floor any detector pays) and ffmpeg's decode with the bicubic 160×90 downscale (the kernel
/// decoder's old path). Wall and CPU (the command's reaped user + system time) medians over N runs (default 3),
/// the ratio ours/scdet per run and its median, and F1 per kind for both tools (see <see cref="SceneCutScore"/>).
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
            var truth = await SceneGroundTruth.MixedAsync(Seconds, 1280, 720, work, withSlides: true);
            Console.WriteLine($"file: {truth.Path}, {truth.DurationSeconds:0} s 720p25 H.264 (x264 ultrafast: no deblocking, no B-frames), "
                + $"{truth.OfKind("hard").Count} hard + {truth.OfKind("gradual").Count} gradual + {truth.OfKind("slide").Count} slide cuts, generated in {clock.Elapsed.TotalSeconds:0} s");
            await Proc.RunAsync("cat", [truth.Path]); // into the page cache before the first timed command

            var commands = new[]
            {
                new Command("ours", "dotnet", [options.AppDll, "analyze", "scenes", truth.Path, "--mode", "mixed"]),
                new Command("scdet", "ffmpeg", $"-hide_banner -nostats -i {truth.Path} -vf scdet=threshold=10 -f null -".Split(' ')),
                new Command("decode floor", "ffmpeg", $"-hide_banner -nostats -i {truth.Path} -f null -".Split(' ')),
                new Command("decode+bicubic 160x90", "ffmpeg", $"-hide_banner -nostats -i {truth.Path} -vf scale=160:90 -f null -".Split(' ')),
            };
            var runs = options.Runs ?? 3;
            var timings = commands.ToDictionary(c => c.Name, _ => new List<(double Wall, double Cpu)>());
            var outputs = new Dictionary<string, (string Stdout, string Stderr)>();
            for (var run = 0; run < runs; run++)
            {
                // Alternate who goes first, so a load swing does not always hit the same tool.
                var order = run % 2 == 0 ? commands : [commands[1], commands[0], .. commands[2..]];
                foreach (var command in order)
                {
                    var (wall, cpu, stdout, stderr) = await TimeAsync(command);
                    timings[command.Name].Add((wall, cpu));
                    outputs[command.Name] = (stdout, stderr);
                    Console.WriteLine($"run {run + 1} {command.Name,-22} {wall,6:0.00} s wall {cpu,6:0.00} s CPU   (load {Machine.LoadAverage()})");
                }
            }

            var ours = JsonNode.Parse(outputs["ours"].Stdout)!["cuts"]!.AsArray().Select(c => (double)c!["time"]!).ToList();
            var theirs = ScdetTime().Matches(outputs["scdet"].Stderr).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            Report(result, truth, commands, timings, ours, theirs);
            await KeyframesAsync(result, truth.Path, work, Stats.Median(timings["ours"].Select(t => t.Wall)));
        }
        finally
        {
            Machine.TryDeleteDirectory(work);
        }
    }

    private static void Report(BenchResult result, SceneTruthFile truth, Command[] commands, Dictionary<string, List<(double Wall, double Cpu)>> timings, List<double> ours, List<double> theirs)
    {
        double Wall(string name) => Stats.Median(timings[name].Select(t => t.Wall));
        double Cpu(string name) => Stats.Median(timings[name].Select(t => t.Cpu));
        var wallRatio = Stats.Median(timings["ours"].Zip(timings["scdet"], (o, s) => o.Wall / s.Wall));
        var cpuRatio = Stats.Median(timings["ours"].Zip(timings["scdet"], (o, s) => o.Cpu / s.Cpu));
        var (oursByKind, oursF1) = SceneCutScore.Score(truth, ours);
        var (theirByKind, theirF1) = SceneCutScore.Score(truth, theirs);

        foreach (var command in commands)
        {
            Console.WriteLine($"{command.Name + ":",-23} {command.Line}  -> median {Wall(command.Name):0.00} s wall, {Cpu(command.Name):0.00} s CPU");
        }
        Console.WriteLine($"F1        all     hard    gradual slide   (found)");
        Console.WriteLine($"ours      {oursF1,-7:0.000} {Row(oursByKind)} ({ours.Count})");
        Console.WriteLine($"scdet     {theirF1,-7:0.000} {Row(theirByKind)} ({theirs.Count})");

        result.Add("ours wall time (median)", Wall("ours"), "s");
        result.Add("scdet wall time (median)", Wall("scdet"), "s");
        result.Add("decode floor wall time (median)", Wall("decode floor"), "s");
        result.Add("decode+bicubic 160x90 wall (median)", Wall("decode+bicubic 160x90"), "s");
        result.Add("wall-time ratio ours / scdet (median)", wallRatio, "x", "<= 1.0", wallRatio <= 1.0);
        result.Add("CPU ratio ours / scdet (median)", cpuRatio, "x");
        result.Add("ours CPU (median)", Cpu("ours"), "s");
        result.Add("scdet CPU (median)", Cpu("scdet"), "s");
        result.Add("decode floor CPU (median)", Cpu("decode floor"), "s");
        result.Add("ours F1 all", oursF1, "");
        result.Add("ours F1 hard (±1 frame)", oursByKind["hard"].F1, "", "1.0", oursByKind["hard"].F1 >= 1.0);
        result.Add("ours F1 gradual (±0.5 s)", oursByKind["gradual"].F1, "", ">= 0.9", oursByKind["gradual"].F1 >= 0.9);
        result.Add("ours F1 slide (±0.5 s)", oursByKind["slide"].F1, "", ">= 0.95", oursByKind["slide"].F1 >= 0.95);
        result.Add("scdet F1 all", theirF1, "");
        result.Add("scdet F1 hard (±1 frame)", theirByKind["hard"].F1, "");
        result.Add("scdet F1 gradual (±0.5 s)", theirByKind["gradual"].F1, "");
        result.Add("scdet F1 slide (±0.5 s)", theirByKind["slide"].F1, "");
        result.Details["commands"] = new JsonArray(commands.Select(c => (JsonNode)c.Line).ToArray());
        result.Details["runs"] = new JsonObject(timings.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonObject
        {
            ["wall"] = Stats.ToJson(t.Value.Select(v => v.Wall)),
            ["cpu"] = Stats.ToJson(t.Value.Select(v => v.Cpu)),
        })));
    }

    /// <summary>
    /// Once each, outside the goal: the same analysis with <c>--keyframes</c> as planned (auto) and forced to a
    /// seek per scene (two at a time), so the extra cost of one JPEG per scene shows beside detection alone.
    /// </summary>
    private async Task KeyframesAsync(BenchResult result, string file, string work, double detectionWall)
    {
        foreach (var by in new[] { "auto", "seek", "pass" })
        {
            var folder = Path.Combine(work, "keyframes-" + by);
            var command = new Command("ours --keyframes-by " + by, "dotnet", [options.AppDll, "analyze", "scenes", file, "--mode", "mixed", "--keyframes", folder, "--keyframes-by", by]);
            var (wall, cpu, _, _) = await TimeAsync(command);
            var images = Directory.GetFiles(folder, "scene-*.jpg").Length;
            Console.WriteLine($"keyframes {by,-5}: {wall:0.00} s wall, {cpu:0.00} s CPU for {images} images, {wall - detectionWall:0.00} s more than detection alone  (load {Machine.LoadAverage()})");
            result.Add($"ours with --keyframes-by {by} wall (one run)", wall, "s");
            result.Add($"keyframes {by}: wall beyond detection", wall - detectionWall, "s");
        }
    }

    private static string Row(Dictionary<string, KindScore> byKind) =>
        string.Join(" ", SceneCutScore.Kinds.Select(k => $"{byKind[k].F1,-7:0.000}"));

    private static async Task<(double Wall, double Cpu, string Stdout, string Stderr)> TimeAsync(Command command)
    {
        var cpuBefore = CpuAccounting.ReapedChildren();
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = await Proc.RunAsync(command.File, command.Arguments);
        var wall = clock.Elapsed.TotalSeconds;
        if (code != 0) throw new InvalidOperationException($"{command.Name} failed ({code}): {stderr}");
        return (wall, CpuAccounting.ReapedChildren() - cpuBefore, stdout, stderr);
    }

    private sealed record Command(string Name, string File, string[] Arguments)
    {
        public string Line => $"{(File == "dotnet" ? "dotnet Gilgamesh.App.dll" : File)} {string.Join(' ', File == "dotnet" ? Arguments.Skip(1) : Arguments)}";
    }

    [GeneratedRegex(@"lavfi\.scd\.time: ([\d.]+)")]
    private static partial Regex ScdetTime();
}
