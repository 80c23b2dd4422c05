using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render;
using Gilgamesh.Modules.Kernel.Media.Render.Cuts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Bench;

/// <summary>
/// The render kit's smart cut against a full re-encode of the same span (the anchor, same encoder settings: libx264
/// matched to the source, preset medium, CRF 16): 60 s cut at points off the keyframes out of a generated 20-minute
/// 1080p25 H.264 file with 2-s GOPs (superfast, so with B-frames) and AAC audio. N rounds (--runs, default 3), each
/// running both back to back; the ratio of the medians is the figure (goal ≥ 5). Then checks what the cut promises:
/// frame count, first and last frame against the source (decoded-frame hashes, with lossless edges), audio length
/// against video length (≤ 1 frame). The source is two minutes encoded and joined ten times by stream copy.
/// </summary>
internal sealed class SmartCutBench(BenchOptions options) : IBenchmark
{
    private const int Fps = 25;
    private const double SourceSeconds = 1200;
    private const double ChunkSeconds = 120;
    private const double Start = 300.37;
    private const double Length = 60;

    public async Task RunAsync(BenchResult result)
    {
        var runs = options.Runs ?? 3;
        var work = Machine.TempDir("smartcut");
        await using var services = new ServiceCollection().AddLogging().AddGilgameshMedia(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var kit = services.GetRequiredService<IRenderKit>();
        try
        {
            var source = Path.Combine(work, "source-20min-1080p.mp4");
            var clock = Stopwatch.StartNew();
            // Two minutes encoded, then joined ten times by stream copy: the same 20-minute stream (keyframe every
            // 2 s, B-frames, AAC) at a tenth of the encoding cost on a shared machine.
            var chunk = Path.Combine(work, "chunk-2min.mp4");
            await FfmpegAsync("-f", "lavfi", "-i", $"testsrc2=size=1920x1080:rate={Fps}:duration={Invariant(ChunkSeconds)}", "-f", "lavfi", "-i",
                $"sine=frequency=440:duration={Invariant(ChunkSeconds)}", "-c:v", "libx264", "-preset", "superfast", "-g", "50", "-keyint_min", "50",
                "-sc_threshold", "0", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", chunk);
            var list = Path.Combine(work, "chunks.txt");
            await File.WriteAllTextAsync(list, string.Concat(Enumerable.Repeat($"file '{chunk}'\n", (int)(SourceSeconds / ChunkSeconds))));
            await FfmpegAsync("-f", "concat", "-safe", "0", "-i", list, "-c", "copy", source);
            File.Delete(chunk);
            var request = new CutRequest(source, Path.Combine(work, "smart.mp4"), MediaTime.FromSeconds(Start), MediaTime.FromSeconds(Start + Length));

            var smart = new List<double>();
            var full = new List<double>();
            SmartCutPlan? plan = null;
            for (var round = 1; round <= runs; round++)
            {
                clock.Restart();
                plan = await kit.CutAsync(request);
                smart.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                await kit.CutAsync(request with { Output = Path.Combine(work, "full.mp4"), ForceFullReEncode = true });
                full.Add(clock.Elapsed.TotalSeconds);
                Console.WriteLine($"round {round}/{runs}: smart cut {smart[^1]:0.00} s, full re-encode {full[^1]:0.00} s, ratio {full[^1] / smart[^1]:0.0}  (load {Machine.LoadAverage()})");
            }

            var spans = string.Join(", ", plan!.Spans.Select(s => $"{s.Kind} {s.StartFrame}-{s.EndFrame}"));
            var ratio = Stats.Median(full) / Stats.Median(smart);
            Console.WriteLine($"plan: frames {plan.StartFrame}-{plan.EndFrame} ({plan.FrameCount}): {spans}");
            Console.WriteLine($"median: smart cut {Stats.Median(smart):0.00} s, full re-encode {Stats.Median(full):0.00} s, ratio {ratio:0.0} (goal >= 5)");
            result.Add("smart cut of 60 s (median)", Stats.Median(smart), "s");
            result.Add("full re-encode of the same 60 s (median)", Stats.Median(full), "s");
            result.Add("speed-up full / smart", ratio, "x", ">= 5", ratio >= 5);

            // What the cut promises, on the last smart output and one cut with lossless edges.
            var frames = await CountFramesAsync(request.Output);
            var lossless = Path.Combine(work, "lossless.mp4");
            await kit.CutAsync(request with { Output = lossless, Edges = SmartCutEdges.Lossless });
            var firstSame = await FrameHashAsync(lossless, 0) == await FrameHashAsync(source, plan.StartFrame);
            var lastSame = await FrameHashAsync(lossless, plan.FrameCount - 1) == await FrameHashAsync(source, plan.EndFrame - 1);
            var (video, audio) = await StreamSecondsAsync(request.Output);
            Console.WriteLine($"frames {frames} (plan {plan.FrameCount}); lossless edges: first frame hash equal {firstSame}, last {lastSame}; " +
                              $"video {video:0.000} s, audio {audio:0.000} s (difference {Math.Abs(video - audio) * 1000:0} ms, one frame = 40 ms)");
            result.Add("frame count exact", frames == plan.FrameCount ? 1 : 0, "bool", "1", frames == plan.FrameCount);
            result.Add("first and last frame hashes equal the source's (lossless edges)", firstSame && lastSame ? 1 : 0, "bool", "1", firstSame && lastSame);
            result.Add("audio minus video length", Math.Abs(video - audio) * 1000, "ms", "<= 40", Math.Abs(video - audio) <= 0.04);
            result.Details["smartSeconds"] = new JsonArray(smart.Select(v => (JsonNode)v).ToArray());
            result.Details["fullSeconds"] = new JsonArray(full.Select(v => (JsonNode)v).ToArray());
            result.Details["plan"] = spans;
        }
        finally
        {
            Machine.TryDeleteDirectory(work);
        }
    }

    private static async Task FfmpegAsync(params string[] args)
    {
        var (code, _, stderr) = await Proc.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", .. args]);
        if (code != 0) throw new InvalidOperationException($"ffmpeg failed: {stderr}");
    }

    private static async Task<string> FrameHashAsync(string file, long frame)
    {
        var raw = Path.ChangeExtension(file, $".{frame}.yuv");
        // Seek half a frame early: the first decoded frame is then exactly this one.
        await FfmpegAsync("-ss", Invariant(Math.Max(0, (frame - 0.5) / Fps)), "-i", file, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "yuv420p", raw);
        var hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(raw)));
        File.Delete(raw);
        return hash;
    }

    private static async Task<long> CountFramesAsync(string file)
    {
        var (_, stdout, _) = await Proc.RunAsync("ffprobe", ["-v", "error", "-count_packets", "-select_streams", "v:0", "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", file]);
        return long.Parse(stdout.Trim().TrimEnd(','), CultureInfo.InvariantCulture);
    }

    private static async Task<(double Video, double Audio)> StreamSecondsAsync(string file)
    {
        var (_, stdout, _) = await Proc.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_type,duration", "-of", "csv=p=0", file]);
        var durations = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        return (durations["video"], durations["audio"]);
    }

    private static string Invariant(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
