using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Gilgamesh.Modules.Analysis.Rhythm;
using Gilgamesh.Tests.Analysis.Rhythm;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Bench;

/// <summary>
/// The rhythm engine beside aubio 0.4.9 (Debian <c>aubio-tools</c>: <c>aubio tempo</c> and <c>aubio beat</c>)
/// on the same generated ground-truth files in one run: beat F-measure (±70 ms), tempo within 4% (and
/// within 4% allowing an octave), and wall time. Ours is timed as decode (ffprobe + ffmpeg to 24 kHz) plus
/// the whole analysis in process, after one warm-up; aubio as its two processes (each decodes the file).
/// Then a ≈ 3-minute song: decode + whole analysis, median of 3 (goal ≤ 1.5 s).
/// </summary>
internal sealed class RhythmBench : IBenchmark
{
    private const double GoalRatio = 1.0;
    private const double GoalSongSeconds = 1.5;

    public async Task RunAsync(BenchResult result)
    {
        var files = new List<(string Name, RhythmTruth Truth, bool Steady)>();
        foreach (var bpm in new double[] { 70, 90, 100, 120, 128, 150, 180 }) files.Add(($"steady-{bpm}", await RhythmGroundTruth.SteadyAsync(bpm), true));
        files.Add(("tempo-change-96-132", await RhythmGroundTruth.TempoChangeAsync(), false));
        files.Add(("sections-ABAC", await RhythmGroundTruth.SectionsAsync(), true));
        foreach (var hard in new[] { "noisy", "sparse", "syncopated", "four-on-the-floor" }) files.Add(($"hard-{hard}", await RhythmFiles.HardAsync(hard), false));
        Console.WriteLine($"{files.Count} generated files in {MediaGenerator.Folder}; aubio: {(await Proc.RunAsync("aubio", ["--version"])).Stdout.Trim()}");

        await AnalyzeAsync(files[0].Truth.Path); // JIT warm-up, not timed
        var rows = new JsonArray();
        double oursSeconds = 0, aubioSeconds = 0;
        var ours = new List<(double F, double Bpm, RhythmTruth Truth, bool Steady)>();
        var theirs = new List<(double F, double Bpm, RhythmTruth Truth, bool Steady)>();
        Console.WriteLine($"{"file",-26} {"truth",6} {"ours bpm",9} {"aubio bpm",9} {"ours F",7} {"aubio F",7} {"ours s",7} {"aubio s",7} {"ours downbeat F",15}");
        foreach (var (name, truth, steady) in files)
        {
            var clock = Stopwatch.StartNew();
            var r = await AnalyzeAsync(truth.Path);
            var oursTime = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var (tempoCode, tempoOut, tempoErr) = await Proc.RunAsync("aubio", ["tempo", truth.Path]);
            var (beatCode, beatOut, beatErr) = await Proc.RunAsync("aubio", ["beat", truth.Path]);
            var aubioTime = clock.Elapsed.TotalSeconds;
            if (tempoCode != 0 || beatCode != 0) throw new InvalidOperationException($"aubio failed: {tempoErr} {beatErr}");
            var aubioBpm = double.Parse(tempoOut.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            var aubioBeats = beatOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l.Trim(), CultureInfo.InvariantCulture)).ToArray();

            var oursF = BeatAccuracy.FMeasure(r.Beats.Select(b => b.Time).ToArray(), truth.Beats, 0.07);
            var aubioF = BeatAccuracy.FMeasure(aubioBeats, truth.Beats, 0.07);
            ours.Add((oursF, r.Tempo.Bpm, truth, steady));
            theirs.Add((aubioF, aubioBpm, truth, steady));
            oursSeconds += oursTime;
            aubioSeconds += aubioTime;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-26} {truth.Bpm,6:0.#} {r.Tempo.Bpm,9:0.00} {aubioBpm,9:0.00} {oursF,7:0.000} {aubioF,7:0.000} {oursTime,7:0.000} {aubioTime,7:0.000} {BeatAccuracy.FMeasure(r.Downbeats, truth.Downbeats, 0.07),15:0.000}"));
            rows.Add(new JsonObject
            {
                ["file"] = name, ["truthBpm"] = truth.Bpm, ["oursBpm"] = r.Tempo.Bpm, ["aubioBpm"] = aubioBpm,
                ["oursBeatF"] = oursF, ["aubioBeatF"] = aubioF, ["oursSeconds"] = oursTime, ["aubioSeconds"] = aubioTime, ["oursDownbeatF"] = BeatAccuracy.FMeasure(r.Downbeats, truth.Downbeats, 0.07),
            });
        }
        result.Details["files"] = rows;
        result.Details["commands"] = "ours: PcmDecoder.DecodeAsync(file, 24000) + RhythmAnalyzer (in process); aubio: `aubio tempo <file>` then `aubio beat <file>`";

        Report(result, "ours", ours);
        Report(result, "aubio", theirs);
        var ratio = oursSeconds / aubioSeconds;
        result.Add("wall time ours / aubio (tempo + beat)", ratio, "x", $"<= {GoalRatio}", ratio <= GoalRatio);

        var song = await RhythmGroundTruth.ThreeMinuteSongAsync();
        var times = new List<double>();
        var cpu = new List<double>();
        RhythmResult? songResult = null;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            songResult = await AnalyzeAsync(song.Path);
            times.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        times.Sort();
        cpu.Sort();
        var found = songResult!.Sections.Skip(1).Select(s => s.Start).ToArray();
        Console.WriteLine($"3-minute song ({song.Duration} s): {string.Join(", ", times.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)))} s; " +
                          $"tempo {songResult.Tempo.Bpm}; sections {string.Join(" ", songResult.Sections.Select(s => $"{s.Start}:{s.Label}"))}");
        result.Add("3-minute song, decode + whole analysis (median of 3)", times[1], "s", $"<= {GoalSongSeconds}", times[1] <= GoalSongSeconds);
        result.Add("3-minute song, CPU time of the analysis in this process (median; excludes ffmpeg)", cpu[1], "s");
        result.Add("3-minute song beat F (±70 ms)", BeatAccuracy.FMeasure(songResult.Beats.Select(b => b.Time).ToArray(), song.Beats, 0.07), "");
        result.Add("3-minute song section boundary F (±1 s)", BeatAccuracy.FMeasure(found, song.SectionBoundaries, 1.0), "");
    }

    private static void Report(BenchResult result, string who, List<(double F, double Bpm, RhythmTruth Truth, bool Steady)> runs)
    {
        result.Add($"{who}: mean beat F (±70 ms), all files", runs.Average(r => r.F), "");
        result.Add($"{who}: mean beat F, steady files", runs.Where(r => r.Steady).Average(r => r.F), "");
        result.Add($"{who}: tempo within 4%", runs.Count(r => BeatAccuracy.TempoError(r.Bpm, r.Truth.Bpm) <= 0.04), $"of {runs.Count}");
        result.Add($"{who}: tempo within 4% up to an octave", runs.Count(r => BeatAccuracy.TempoErrorUpToOctave(r.Bpm, r.Truth.Bpm) <= 0.04), $"of {runs.Count}");
    }

    private static Task<RhythmResult> AnalyzeAsync(string path) =>
        RhythmAnalyzer.AnalyzeAsync(MediaTools.PcmDecoder.DecodeAsync(path, RhythmAnalyzer.SampleRate), false, null, CancellationToken.None);
}
