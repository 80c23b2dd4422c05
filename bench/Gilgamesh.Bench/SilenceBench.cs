using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Bench;

/// <summary>
/// `analyze silence` (Release App binary, whole process under /usr/bin/time -v) against
/// `ffmpeg -af silencedetect` on the same generated one-hour file (−45 dBFS floor, known truth).
/// Equivalent settings: silencedetect gets our adaptive threshold as its noise level and our minimum
/// silence as its duration. silencedetect compares every sample's amplitude (not a windowed RMS) with its
/// level, so Gaussian noise peaks 10–13 dB above its RMS break every silence at our RMS threshold; it is
/// therefore run a second time at our noise floor + 20 dB (peak-equivalent). Reports wall-time ratio
/// (goal ≤ 1.0), both tools' silence-interval F1 against the truth (edges within 30 ms), and our peak RSS
/// (goal ≤ 150 MB).
/// </summary>
internal sealed partial class SilenceBench(BenchOptions options) : IBenchmark
{
    private const double Seconds = 3600;
    private const double FloorDb = -45;
    private const double MinSilence = 0.25;
    private const double Tolerance = 0.030;

    public async Task RunAsync(BenchResult result)
    {
        var work = Machine.TempDir("silence");
        try
        {
            var clock = Stopwatch.StartNew();
            var truth = await SilenceGroundTruth.GenerateAsync(FloorDb, Seconds, work);
            Console.WriteLine($"file: {truth.Path}, {truth.DurationSeconds:0} s, {new FileInfo(truth.Path).Length / 1e6:0} MB WAV 22.05 kHz, {truth.Active.Count} sounds, generated in {clock.Elapsed.TotalSeconds:0.0} s");
            var truthSilences = truth.Silences().Select(s => (s.Start, s.End)).ToList();

            clock.Restart();
            var (code, stdout, stderr) = await Proc.RunAsync("/usr/bin/time",
                ["-v", "dotnet", options.AppDll, "analyze", "silence", truth.Path, "--min-silence", Invariant(MinSilence)]);
            var oursSeconds = clock.Elapsed.TotalSeconds;
            if (code != 0) throw new InvalidOperationException($"analyze silence failed ({code}): {stderr}");
            var json = JsonNode.Parse(stdout)!;
            var threshold = (double)json["thresholdDb"]!;
            var ours = json["silences"]!.AsArray().Select(s => ((double)s!["start"]!, (double)s["end"]!)).ToList();
            var rssMb = double.Parse(MaxRss().Match(stderr).Groups[1].Value, CultureInfo.InvariantCulture) / 1024;

            var floor = (double)json["noiseFloorDb"]!;
            var (ffmpegSeconds, theirs, ffmpegArgs) = await SilencedetectAsync(truth, threshold);
            var (peakSeconds, peakTheirs, peakArgs) = await SilencedetectAsync(truth, Math.Round(floor + 20, 1));

            var oursScore = IntervalScore.Intervals(truthSilences, ours, Tolerance);
            var theirScore = IntervalScore.Intervals(truthSilences, theirs, Tolerance);
            var peakScore = IntervalScore.Intervals(truthSilences, peakTheirs, Tolerance);
            Console.WriteLine($"ours:   dotnet Gilgamesh.App.dll analyze silence {Path.GetFileName(truth.Path)} --min-silence {Invariant(MinSilence)}  -> {oursSeconds:0.00} s, threshold {threshold} dB, {ours.Count} silences, F1 {oursScore.F1:0.0000}, peak RSS {rssMb:0} MB");
            Console.WriteLine($"ffmpeg: ffmpeg {ffmpegArgs}  -> {ffmpegSeconds:0.00} s, {theirs.Count} silences, F1 {theirScore.F1:0.0000}");
            Console.WriteLine($"ffmpeg (peak-equivalent level): ffmpeg {peakArgs}  -> {peakSeconds:0.00} s, {peakTheirs.Count} silences, F1 {peakScore.F1:0.0000}");
            result.Add("analyze silence wall time", oursSeconds, "s");
            result.Add("ffmpeg silencedetect wall time", ffmpegSeconds, "s");
            result.Add("wall-time ratio ours / ffmpeg", oursSeconds / ffmpegSeconds, "x", "<= 1.0", oursSeconds / ffmpegSeconds <= 1.0);
            result.Add("ours silence F1 (30 ms edges)", oursScore.F1, "", ">= 0.98", oursScore.F1 >= 0.98);
            result.Add("ffmpeg silence F1, same level", theirScore.F1, "");
            result.Add("ffmpeg silence F1, floor + 20 dB", peakScore.F1, "");
            result.Add("analyze silence peak RSS, 1 h file", rssMb, "MB", "<= 150 MB", rssMb <= 150);
            result.Details["truthSilences"] = truthSilences.Count;
            result.Details["ffmpegCommand"] = "ffmpeg " + ffmpegArgs;
            result.Details["ffmpegPeakEquivalentCommand"] = "ffmpeg " + peakArgs;
        }
        finally
        {
            Machine.TryDeleteDirectory(work);
        }
    }

    private static async Task<(double Seconds, List<(double Start, double End)> Silences, string Arguments)> SilencedetectAsync(SilenceTruthFile truth, double levelDb)
    {
        var arguments = $"-hide_banner -nostats -i {truth.Path} -af silencedetect=noise={Invariant(levelDb)}dB:d={Invariant(MinSilence)} -f null -";
        var clock = Stopwatch.StartNew();
        var (code, _, stderr) = await Proc.RunAsync("ffmpeg", arguments.Split(' '));
        var seconds = clock.Elapsed.TotalSeconds;
        if (code != 0) throw new InvalidOperationException($"ffmpeg silencedetect failed: {stderr}");
        return (seconds, ParseSilencedetect(stderr, truth.DurationSeconds), arguments);
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
