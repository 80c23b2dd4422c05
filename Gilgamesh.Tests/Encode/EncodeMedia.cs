using System.Globalization;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Encode;

/// <summary>Library files generated with ffmpeg lavfi sources, each written straight into the library under test.</summary>
internal static class EncodeMedia
{
    /// <summary>testsrc2 H.264 at a high bit rate (CRF 8) with an AAC tone, 25 fps.</summary>
    public static Task<string> HighBitrateH264Async(string path, int width = 640, int height = 360, double seconds = 2) =>
        RunAsync(path, I($"-f lavfi -i testsrc2=size={width}x{height}:rate=25:duration={seconds} -f lavfi -i sine=frequency=440:duration={seconds} ") +
                       "-c:v libx264 -preset ultrafast -crf 8 -pix_fmt yuv420p -c:a aac -shortest");

    /// <summary>HEVC at a modest rate: what a profile asking for HEVC under 1.5 Mb/s accepts as it is.</summary>
    public static Task<string> CompliantHevcAsync(string path) =>
        RunAsync(path, "-f lavfi -i testsrc2=size=640x360:rate=25:duration=2 -c:v libx265 -preset ultrafast -crf 30 -pix_fmt yuv420p -tag:v hvc1 -x265-params log-level=error");

    /// <summary>A nearly flat picture at the worst H.264 quality: tiny, so any re-encode comes out larger.</summary>
    public static Task<string> TinyH264Async(string path) =>
        RunAsync(path, "-f lavfi -i color=c=gray:s=320x180:r=25:d=2 -c:v libx264 -preset ultrafast -crf 51 -pix_fmt yuv420p");

    /// <summary>Matroska with two audio languages (eng 440 Hz, deu 880 Hz) and one SubRip subtitle stream.</summary>
    public static async Task<string> TwoLanguagesWithSubtitlesAsync(string path)
    {
        var srt = path + ".srt";
        await File.WriteAllTextAsync(srt, "1\n00:00:00,000 --> 00:00:01,500\nHello\n\n");
        try
        {
            return await RunAsync(path,
                "-f lavfi -i testsrc2=size=640x360:rate=25:duration=2 -f lavfi -i sine=frequency=440:duration=2 -f lavfi -i sine=frequency=880:duration=2 " +
                $"-i \"{srt}\" -map 0:v -map 1:a -map 2:a -map 3:s -metadata:s:a:0 language=eng -metadata:s:a:1 language=deu " +
                "-c:v libx264 -preset ultrafast -crf 8 -c:a aac -c:s srt");
        }
        finally
        {
            File.Delete(srt);
        }
    }

    private static async Task<string> RunAsync(string path, string arguments)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Through a plain name: the paths under test may hold characters the argument quoting refuses.
        var staging = Path.Combine(MediaGenerator.Folder, Guid.NewGuid().ToString("N") + Path.GetExtension(path));
        await MediaTools.Runner.RunAsync($"{arguments} \"{staging}\" -y");
        File.Move(staging, path);
        return path;
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
