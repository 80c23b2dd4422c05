using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Bench;

/// <summary>
/// `analyze silence` (Release App binary, whole process under /usr/bin/time -v) against
/// `ffmpeg -af silencedetect` on the same generated one-hour file (−45 dBFS floor, known truth), as the
/// generated 16-bit mono WAV and as an AAC copy of it.
/// Equivalent settings: silencedetect gets our adaptive threshold as its noise level and our minimum
/// silence as its duration. silencedetect compares every sample's amplitude (not a windowed RMS) with its
/// level, so Gaussian noise peaks 10–13 dB above its RMS break every silence at our RMS threshold; it is
/// therefore run a second time at our noise floor + 20 dB (peak-equivalent). N rounds (--runs, default 3),
/// each running the three commands back to back, so every figure is a median over rounds that saw the
/// same load. Reports the ratio of the wall-time medians (goal ≤ 1.0), both tools' silence-interval F1
/// against the truth (edges within 30 ms), and our peak RSS over all rounds (goal ≤ 150 MB).
/// </summary>
internal sealed partial class SilenceBench(BenchOptions options) : IBenchmark
{
    private const double Seconds = 3600;
    private const double FloorDb = -45;
    private const double MinSilence = 0.25;
    private const double Tolerance = 0.030;

    public async Task RunAsync(BenchResult result)
    {
        var runs = options.Runs ?? 3;
        var work = Machine.TempDir("silence");
        try
        {
            var clock = Stopwatch.StartNew();
            var truth = await SilenceGroundTruth.GenerateAsync(FloorDb, Seconds, work);
            Console.WriteLine($"file: {truth.Path}, {truth.DurationSeconds:0} s, {new FileInfo(truth.Path).Length / 1e6:0} MB WAV 22.05 kHz, {truth.Active.Count} sounds, generated in {clock.Elapsed.TotalSeconds:0.0} s");
            // The same audio as AAC, the usual lecture soundtrack: here both tools pay ffmpeg's decode, while
            // the 16-bit mono WAV is read from disk by ours (PcmWavLayout) and demuxed by ffmpeg.
            var aac = truth with { Path = Path.ChangeExtension(truth.Path, ".m4a") };
            var (aacCode, _, aacErr) = await Proc.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", truth.Path, "-c:a", "aac", "-b:a", "96k", aac.Path]);
            if (aacCode != 0) throw new InvalidOperationException($"AAC encode failed: {aacErr}");

            await FormatAsync(result, "wav", truth, runs, rssGoal: true);
            await FormatAsync(result, "aac", aac, runs, rssGoal: false);
        }
        finally
        {
            Machine.TryDeleteDirectory(work);
        }
    }

    private async Task FormatAsync(BenchResult result, string format, SilenceTruthFile truth, int runs, bool rssGoal)
    {
        var truthSilences = truth.Silences().Select(s => (s.Start, s.End)).ToList();
        var ours = new List<double>();
        var same = new List<double>();
        var peak = new List<double>();
        var rss = new List<double>();
        Run? last = null;
        for (var round = 1; round <= runs; round++)
        {
            var run = await RoundAsync(truth);
            ours.Add(run.OursSeconds);
            same.Add(run.Same.Seconds);
            peak.Add(run.Peak.Seconds);
            rss.Add(run.RssMb);
            Console.WriteLine($"{format} round {round}/{runs}: ours {run.OursSeconds:0.00} s (peak RSS {run.RssMb:0} MB), silencedetect same level {run.Same.Seconds:0.00} s, floor + 20 dB {run.Peak.Seconds:0.00} s, ratio {run.OursSeconds / run.Same.Seconds:0.00}  (load {Machine.LoadAverage()})");
            last = run;
        }

        // The outputs are deterministic (same file, same settings), so the last round's lists stand for all.
        var oursScore = IntervalScore.Intervals(truthSilences, last!.Ours, Tolerance);
        var theirScore = IntervalScore.Intervals(truthSilences, last.Same.Silences, Tolerance);
        var peakScore = IntervalScore.Intervals(truthSilences, last.Peak.Silences, Tolerance);
        var (oursMedian, sameMedian, peakMedian) = (Stats.Median(ours), Stats.Median(same), Stats.Median(peak));
        var ratio = oursMedian / sameMedian;
        Console.WriteLine($"{format} ours:   dotnet Gilgamesh.App.dll analyze silence {Path.GetFileName(truth.Path)} --min-silence {Invariant(MinSilence)}  -> median {oursMedian:0.00} s, threshold {last.Threshold} dB, {last.Ours.Count} silences, F1 {oursScore.F1:0.0000}, peak RSS {rss.Max():0} MB");
        Console.WriteLine($"{format} ffmpeg: ffmpeg {last.Same.Arguments}  -> median {sameMedian:0.00} s, {last.Same.Silences.Count} silences, F1 {theirScore.F1:0.0000}");
        Console.WriteLine($"{format} ffmpeg (peak-equivalent level): ffmpeg {last.Peak.Arguments}  -> median {peakMedian:0.00} s, {last.Peak.Silences.Count} silences, F1 {peakScore.F1:0.0000}");
        Console.WriteLine($"{format} median: ratio {ratio:0.00} (goal <= 1.0), ratio to the floor + 20 dB run {oursMedian / peakMedian:0.00}");
        result.Add($"{format}: analyze silence wall time (median)", oursMedian, "s");
        result.Add($"{format}: ffmpeg silencedetect wall time (median)", sameMedian, "s");
        result.Add($"{format}: ffmpeg silencedetect floor + 20 dB (median)", peakMedian, "s");
        result.Add($"{format}: wall-time ratio ours / ffmpeg", ratio, "x", "<= 1.0", ratio <= 1.0);
        result.Add($"{format}: ours silence F1 (30 ms edges)", oursScore.F1, "", ">= 0.98", oursScore.F1 >= 0.98);
        result.Add($"{format}: ffmpeg silence F1, same level", theirScore.F1, "");
        result.Add($"{format}: ffmpeg silence F1, floor + 20 dB", peakScore.F1, "");
        if (rssGoal) result.Add($"{format}: analyze silence peak RSS, 1 h file", rss.Max(), "MB", "<= 150 MB", rss.Max() <= 150);
        else result.Add($"{format}: analyze silence peak RSS, 1 h file", rss.Max(), "MB");
        var details = new JsonObject
        {
            ["runs"] = runs,
            ["oursSeconds"] = new JsonArray(ours.Select(v => (JsonNode)v).ToArray()),
            ["silencedetectSeconds"] = new JsonArray(same.Select(v => (JsonNode)v).ToArray()),
            ["silencedetectPeakSeconds"] = new JsonArray(peak.Select(v => (JsonNode)v).ToArray()),
            ["oursPeakRssMb"] = new JsonArray(rss.Select(v => (JsonNode)v).ToArray()),
            ["thresholdDb"] = last.Threshold,
            ["noiseFloorDb"] = last.Floor,
            ["truthSilences"] = truthSilences.Count,
            ["ffmpegCommand"] = "ffmpeg " + last.Same.Arguments,
            ["ffmpegPeakEquivalentCommand"] = "ffmpeg " + last.Peak.Arguments,
        };
        result.Details[format] = details;
    }

    private sealed record Detected(double Seconds, List<(double Start, double End)> Silences, string Arguments);

    private sealed record Run(double OursSeconds, double RssMb, double Threshold, double Floor, List<(double Start, double End)> Ours, Detected Same, Detected Peak);

    private async Task<Run> RoundAsync(SilenceTruthFile truth)
    {
        var clock = Stopwatch.StartNew();
        var (code, stdout, stderr) = await Proc.RunAsync("/usr/bin/time",
            ["-v", "dotnet", options.AppDll, "analyze", "silence", truth.Path, "--min-silence", Invariant(MinSilence)]);
        var oursSeconds = clock.Elapsed.TotalSeconds;
        if (code != 0) throw new InvalidOperationException($"analyze silence failed ({code}): {stderr}");
        var json = JsonNode.Parse(stdout)!;
        var threshold = (double)json["thresholdDb"]!;
        var floor = (double)json["noiseFloorDb"]!;
        var ours = json["silences"]!.AsArray().Select(s => ((double)s!["start"]!, (double)s["end"]!)).ToList();
        var rssMb = double.Parse(MaxRss().Match(stderr).Groups[1].Value, CultureInfo.InvariantCulture) / 1024;

        var same = await SilencedetectAsync(truth, threshold);
        var peak = await SilencedetectAsync(truth, Math.Round(floor + 20, 1));
        return new Run(oursSeconds, rssMb, threshold, floor, ours, same, peak);
    }

    private static async Task<Detected> SilencedetectAsync(SilenceTruthFile truth, double levelDb)
    {
        var arguments = $"-hide_banner -nostats -i {truth.Path} -af silencedetect=noise={Invariant(levelDb)}dB:d={Invariant(MinSilence)} -f null -";
        var clock = Stopwatch.StartNew();
        var (code, _, stderr) = await Proc.RunAsync("ffmpeg", arguments.Split(' '));
        var seconds = clock.Elapsed.TotalSeconds;
        if (code != 0) throw new InvalidOperationException($"ffmpeg silencedetect failed: {stderr}");
        return new Detected(seconds, ParseSilencedetect(stderr, truth.DurationSeconds), arguments);
    }

    private static List<(double Start, double End)> ParseSilencedetect(string stderr, double duration)
    {
        var intervals = new List<(double, double)>();
        double? start = null;
        foreach (Match m in SilenceEvent().Matches(stderr))
        {
            var value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (m.Groups[1].Value == "start") start = value;
            else if (start is { } s) { intervals.Add((Math.Max(0, s), value)); start = null; }
        }
        if (start is { } open) intervals.Add((open, duration)); // silence running to the end has no silence_end line
        return intervals;
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"silence_(start|end): (-?[\d.]+)")]
    private static partial Regex SilenceEvent();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\):\s*(\d+)")]
    private static partial Regex MaxRss();
}
