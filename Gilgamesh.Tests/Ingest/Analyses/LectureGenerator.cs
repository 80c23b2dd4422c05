using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Ingest.Analyses;

/// <summary>How a generated lecture's slides look and change.</summary>
public enum LectureStyle
{
    /// <summary>Black text on white; title and bullets all change from one slide to the next.</summary>
    Light,

    /// <summary>White text on dark blue; title and bullets all change.</summary>
    Dark,

    /// <summary>Black on white; only one bullet line changes (a presenter revealing a line): invisible to content cuts.</summary>
    OneLine,
}

/// <summary>
/// A generated lecture with known slide changes (ffmpeg lavfi + drawtext, 960x540, 10 fps, 3 s a slide): slide i shows
/// the word <see cref="Keywords"/>[i] large enough for OCR, so a test can check the text read from each scene.
/// </summary>
public static class LectureGenerator
{
    public const double SlideSeconds = 3;
    public static readonly string[] Keywords = ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL"];

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Generated = new();

    public static double[] ChangeTimes(int slides) => Enumerable.Range(1, slides - 1).Select(i => i * SlideSeconds).ToArray();

    public static Task<string> GenerateAsync(int slides, LectureStyle style) =>
        Generated.GetOrAdd($"lecture-{slides}-{style}.mp4", name => new Lazy<Task<string>>(async () =>
        {
            var path = Path.Combine(MediaGenerator.Folder, name);
            var (background, ink) = style == LectureStyle.Dark ? ("0x1e2a44", "white") : ("white", "black");
            var graph = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"color=c={background}:s=960x540:r=10"));
            for (var i = 0; i < slides; i++)
            {
                var when = (i * SlideSeconds, (i + 1) * SlideSeconds);
                var keyword = Keywords[i];
                if (style == LectureStyle.OneLine)
                {
                    if (i == 0)
                    {
                        graph.Append(Text("Lecture notes", 60, 40, 48, ink, null));
                        graph.Append(Text("- the first point stays", 80, 150, 32, ink, null));
                        graph.Append(Text("- the last point stays too", 80, 330, 32, ink, null));
                    }
                    graph.Append(Text($"- topic {keyword}", 80, 240, 40, ink, when));
                    continue;
                }
                graph.Append(Text($"Slide {keyword}", 60, 40, 64, ink, when));
                graph.Append(Text($"- point {i + 1} of the talk", 80, 200, 32, ink, when));
                graph.Append(Text($"- {slides - i} more to come", 80, 280, 32, ink, when));
            }
            var seconds = slides * SlideSeconds;
            await MediaTools.Runner.RunAsync(string.Create(CultureInfo.InvariantCulture,
                $"-y -f lavfi -t {seconds} -i \"{graph}\" -c:v libx264 -preset ultrafast -crf 20 -pix_fmt yuv420p \"{path}\""));
            return path;
        })).Value;

    private static string Text(string text, int x, int y, int size, string color, (double From, double To)? when) =>
        string.Create(CultureInfo.InvariantCulture,
            $",drawtext=fontfile={Fonts.DejaVuSans}:text='{text}':x={x}:y={y}:fontsize={size}:fontcolor={color}")
        + (when is { } w ? string.Create(CultureInfo.InvariantCulture, $":enable='gte(t,{w.From})*lt(t,{w.To})'") : "");
}
