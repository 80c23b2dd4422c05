using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Media.Render;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Tests.Kernel.Media.Render;

/// <summary>
/// The render kit as the app wires it (with logs captured), generated sources with known ground truth, and
/// readers for what a test checks in an output: decoded frames, frame counts, ffmpeg's info-level reports.
/// </summary>
internal static class RenderTestKit
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Generated = new();

    public static CapturedLogs Logs { get; } = new();

    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))
        .AddGilgameshMedia(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    public static IRenderKit Kit => Services.GetRequiredService<IRenderKit>();

    public static RenderRunner Runner => Services.GetRequiredService<RenderRunner>();

    /// <summary>
    /// 12 s of testsrc2 at 25 fps, H.264 (veryfast: B-frames, like real sources) with a keyframe every 2 s and no scene
    /// cuts, and a 1 kHz beep of 50 ms at every whole second + 0.5 s (audio sync marks), AAC.
    /// </summary>
    public static Task<string> GopSourceAsync(string codec = "libx264 -preset veryfast", string name = "gop-source.mp4") =>
        GenerateAsync(name,
            "-f lavfi -i testsrc2=size=320x180:rate=25:duration=12 -f lavfi -i \"aevalsrc=0.5*sin(2*PI*1000*t)*between(mod(t\\,1)\\,0.5\\,0.55):s=48000:d=12\" " +
            $"-c:v {codec} -g 50 -keyint_min 50 -sc_threshold 0 -pix_fmt yuv420p -c:a aac -b:a 128k");

    /// <summary>Runs an ffmpeg command that writes <paramref name="name"/> (its output path appended) once per test process.</summary>
    public static Task<string> GenerateAsync(string name, string arguments) =>
        Generated.GetOrAdd(name, n => new Lazy<Task<string>>(async () =>
        {
            var path = Path.Combine(MediaGenerator.Folder, n);
            await Runner.RunAsync($"{arguments} -y \"{path}\"", null, null, CancellationToken.None);
            return path;
        })).Value;

    /// <summary>Frame <paramref name="index"/> (decode order of presentation, from 0) decoded to RGB24.</summary>
    public static async Task<byte[]> FrameAsync(string file, long index, string pixelFormat = "rgb24")
    {
        var raw = Path.Combine(MediaGenerator.Folder, $"frame-{Guid.NewGuid():N}.raw");
        await Runner.RunAsync(string.Create(CultureInfo.InvariantCulture,
            $"-i \"{file}\" -map 0:v:0 -vf \"select=eq(n\\,{index})\" -fps_mode passthrough -frames:v 1 -f rawvideo -pix_fmt {pixelFormat} -y \"{raw}\""), null, null, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(raw);
        File.Delete(raw);
        return bytes.Length > 0 ? bytes : throw new InvalidOperationException($"no frame {index} in {file}");
    }

    public static async Task<string> FrameHashAsync(string file, long index) =>
        Convert.ToHexString(SHA256.HashData(await FrameAsync(file, index, "yuv420p")));

    /// <summary>Decoded video frames, counted by ffprobe.</summary>
    public static async Task<long> CountFramesAsync(string file)
    {
        await using var process = FfmpegProcess.Start(MediaTools.Locator.FfprobePath,
            $"-v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 \"{file}\"");
        var text = await process.StandardOutputReader.ReadToEndAsync();
        await process.WaitForExitAsync(CancellationToken.None);
        return long.Parse(text.Trim().TrimEnd(','), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs an ffmpeg analysis pass (output to null) and returns its info-level stderr tail.</summary>
    public static Task<string> ReportAsync(string file, string audioFilter) =>
        Runner.RunAsync($"-i \"{file}\" -map 0:a:0 -af {audioFilter} -f null -", null, null, CancellationToken.None, logLevel: "info");

    /// <summary>Mean absolute difference of two equally sized byte frames (0–255).</summary>
    public static double MeanDifference(byte[] a, byte[] b) =>
        a.Length == b.Length ? a.Zip(b).Average(p => Math.Abs(p.First - p.Second)) : double.MaxValue;
}
