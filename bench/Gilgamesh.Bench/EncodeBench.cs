using System.Diagnostics;
using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Modules.Kernel.Media.Encoders;
using Gilgamesh.Tests.Encode;

namespace Gilgamesh.Bench;

/// <summary>
/// The encode module against raw ffmpeg and its own goals, on the test suite's harness (real PostgreSQL, real
/// ffmpeg, files generated into a temp library):
/// <list type="bullet">
/// <item>overhead: the module's encode of a 10-s 1280×720 file (FfmpegRunner with progress, encoder choice) against
/// raw <c>ffmpeg</c> with the same argument string, alternated; goal ≤ 3 %;</item>
/// <item>verification + replace as a share of the encode time (probe, full decode, SSIM on every 10th frame,
/// fsync, hashes, archive copy); goal ≤ 15 %;</item>
/// <item>scan of 10,000 tiny files (goal ≤ 10 s) and an incremental rescan with nothing changed (goal ≤ 2 s),
/// anchor <c>find -printf '%s %T@'</c> (the same stat calls, no database);</item>
/// <item>forecast: median absolute size error of the sample-encode forecast over differently textured files (goal ≤ 15 %).</item>
/// </list>
/// </summary>
internal sealed class EncodeBench(BenchOptions options) : IBenchmark
{
    public async Task RunAsync(BenchResult result)
    {
        var runs = options.Runs ?? 3;
        // GILGAMESH_BENCH_ENCODE_PARTS=scan,forecast skips the long overhead part (several minutes a round under load).
        var parts = Environment.GetEnvironmentVariable("GILGAMESH_BENCH_ENCODE_PARTS")?.Split(',', StringSplitOptions.TrimEntries) ?? ["overhead", "scan", "forecast"];
        if (parts.Contains("overhead")) await OverheadAsync(result, runs);
        if (parts.Contains("scan")) await ScanAsync(result, runs);
        if (parts.Contains("forecast")) await ForecastAsync(result);
    }

    private static async Task OverheadAsync(BenchResult result, int runs)
    {
        var ours = new List<double>();
        var raw = new List<double>();
        var share = new List<double>();
        for (var round = 1; round <= runs; round++)
        {
            await using var harness = await EncodeHarness.StartAsync(configure: o => o.VerifySampleEvery = 10);
            var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { Speed = "veryfast", MaxBitrateKbps = 3000 });
            var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(library.Folders[0], "film.mp4"), 1280, 720, 10);
            var copy = Path.Combine(Path.GetDirectoryName(library.Folders[0])!, "raw-source.mp4");
            File.Copy(path, copy);

            var rawOutput = Path.Combine(Path.GetDirectoryName(library.Folders[0])!, "raw-output.mp4");
            var arguments = EncodeArguments.Build(copy, rawOutput, library.Profile.ToPreset(), EncoderKind.Cpu, library.Profile.ToStreamRules());
            var clock = Stopwatch.StartNew();
            var (code, _, stderr) = await Proc.RunAsync("bash", ["-c", $"ffmpeg -hide_banner -nostats -loglevel warning {arguments}"]);
            if (code != 0) throw new InvalidOperationException(stderr);
            raw.Add(clock.Elapsed.TotalSeconds);

            await harness.ScanAsync(library);
            clock.Restart();
            var encoded = await harness.EncodePlannedAsync(library);
            var total = clock.Elapsed.TotalSeconds;
            if (encoded.Single().Status != FileStatus.Done) throw new InvalidOperationException(string.Join("; ", encoded.Single().Reasons));
            var encodeSeconds = (await harness.FileAsync(library, path)).ActualSeconds!.Value;
            ours.Add(encodeSeconds);
            share.Add((total - encodeSeconds) / encodeSeconds);
            Console.WriteLine($"round {round}: raw ffmpeg {raw[^1]:0.00} s, module encode {encodeSeconds:0.00} s, whole file {total:0.00} s");
        }

        var overhead = Median(ours) / Median(raw) - 1;
        Console.WriteLine($"median: overhead {overhead:P1} (goal <= 3 %), verification+replace {Median(share):P1} of encode time (goal <= 15 %)");
        result.Add("encode overhead vs raw ffmpeg", overhead * 100, "%", "<= 3", overhead <= 0.03);
        result.Add("verification + replace / encode", Median(share) * 100, "%", "<= 15", Median(share) <= 0.15);
    }

    private static async Task ScanAsync(BenchResult result, int runs)
    {
        await using var harness = await EncodeHarness.StartAsync(configure: o => o.StableSeconds = 3600);
        var library = await harness.CreateLibraryAsync();
        for (var i = 0; i < 10_000; i++)
        {
            var folder = Path.Combine(library.Folders[0], $"d{i / 500:00}");
            if (i % 500 == 0) Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, $"clip {i:00000}.mp4"), "tiny");
        }

        var clock = Stopwatch.StartNew();
        var first = await harness.ScanAsync(library);
        var firstSeconds = clock.Elapsed.TotalSeconds;
        var rescans = new List<double>();
        var anchors = new List<double>();
        for (var round = 0; round < runs; round++)
        {
            clock.Restart();
            await harness.ScanAsync(library);
            rescans.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            await Proc.RunAsync("bash", ["-c", $"find '{library.Folders[0]}' -type f -printf '%s %T@\\n' > /dev/null"]);
            anchors.Add(clock.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"first scan of {first.Files} files: {firstSeconds:0.00} s; rescan median {Median(rescans):0.00} s; find -printf median {Median(anchors):0.00} s; ratio {Median(rescans) / Median(anchors):0.0}");
        result.Add("scan 10,000 files", firstSeconds, "s", "<= 10", firstSeconds <= 10);
        result.Add("rescan 10,000 unchanged", Median(rescans), "s", "<= 2", Median(rescans) <= 2);
        result.Add("rescan / find", Median(rescans) / Median(anchors), "x");
    }

    private static async Task ForecastAsync(BenchResult result)
    {
        await using var harness = await EncodeHarness.StartAsync();
        var library = await harness.CreateLibraryAsync(EncodeHarness.FastProfile with { Speed = "veryfast", MaxBitrateKbps = null, Codec = "hevc", Quality = 28 });
        string[] sources = ["testsrc2", "mandelbrot", "cellauto", "life", "rgbtestsrc", "smptehdbars"];
        foreach (var source in sources)
        {
            var path = Path.Combine(library.Folders[0], $"{source}.mp4");
            await Gilgamesh.Tests.Support.MediaTools.Runner.RunAsync(
                $"-f lavfi -i {source}=size=640x360:rate=25 -t 12 -c:v libx264 -preset ultrafast -crf 4 -pix_fmt yuv420p \"{path}\" -y");
        }

        await harness.ScanAsync(library);
        var forecaster = harness.Get<Gilgamesh.Modules.Encode.Planning.Forecaster>();
        var errors = new List<double>();
        foreach (var file in await harness.Get<CatalogStore>().ListAsync(library.Id, CancellationToken.None))
        {
            if (file.Status != FileStatus.Planned) continue;
            var (bytes, _) = await forecaster.ForecastAsync(file, library, Path.Combine(library.Folders[0], ".gilgamesh-work"), CancellationToken.None);
            await harness.Get<CatalogStore>().SetStatusAsync(file.Id, FileStatus.Queued, [], ct: CancellationToken.None);
            var outcome = await harness.Get<FileEncoder>().ProcessAsync(file.Id, null, CancellationToken.None);
            var actual = (await harness.Get<CatalogStore>().GetAsync(file.Id, CancellationToken.None))!.ActualBytes!.Value;
            errors.Add(Math.Abs(bytes - actual) / (double)actual);
            Console.WriteLine($"{Path.GetFileName(file.Path)}: forecast {bytes / 1e3:0} kB, actual {actual / 1e3:0} kB ({outcome.Status}), error {errors[^1]:P1}");
        }

        Console.WriteLine($"median: forecast size error {Median(errors):P1} (goal <= 15 %)");
        result.Add("forecast median |size error|", Median(errors) * 100, "%", "<= 15", Median(errors) <= 0.15);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
