using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// A 15 s 720p screen-recording-like video at 10 fps: a white slide with a title and four bullet lines
/// (DejaVu Sans 28 px, drawtext), where only the third bullet changes at 3, 6, 9 and 12 s. A slide
/// change here alters about 0.2% of the pixels: invisible to histogram detectors by design.
/// Needs the Debian package <c>fonts-dejavu-core</c>.
/// </summary>
public static class SlideGroundTruth
{
    public const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public static readonly double[] ChangeTimes = [3, 6, 9, 12];
    private const double Seconds = 15;

    // The third bullet, one text per slide: a presenter revealing or rewriting one line.
    private static readonly string[] ChangingLines =
    [
        "- first we look at the noise floor",
        "- then the threshold adapts to it",
        "- margins keep the breath before words",
        "- slides change one line at a time",
        "- and the bench compares with ffmpeg",
    ];

    private static readonly ConcurrentDictionary<string, Lazy<Task<SceneTruthFile>>> Generated = new();

    public static Task<SceneTruthFile> OneLineChangesAsync() => Generated.GetOrAdd("slides.mp4", name => new Lazy<Task<SceneTruthFile>>(async () =>
    {
        var path = Path.Combine(MediaGenerator.Folder, name);
        var filter = new StringBuilder("color=c=white:s=1280x720:r=10");
        filter.Append(Text("Quarterly review of the analysis engines", 80, 60, 44, null));
        filter.Append(Text("- silence detection runs on the envelope", 120, 200, 28, null));
        filter.Append(Text("- scene cuts come from content deltas", 120, 260, 28, null));
        var bounds = new[] { 0.0 }.Concat(ChangeTimes).Append(Seconds).ToArray();
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            filter.Append(Text(ChangingLines[i], 120, 320, 28, (bounds[i], bounds[i + 1])));
        }
        filter.Append(Text("- keyframes are written per scene", 120, 380, 28, null));
        await MediaTools.Runner.RunAsync(FormattableString.Invariant(
            $"-y -f lavfi -t {Seconds} -i \"{filter}\" -c:v libx264 -preset ultrafast -crf 20 -pix_fmt yuv420p \"{path}\""));
        var cuts = ChangeTimes.Select(t => new TruthCut(t, (int)Math.Round(t * 10), "hard")).ToList();
        return new SceneTruthFile(path, 10, Seconds, cuts);
    })).Value;

    private static string Text(string text, int x, int y, int size, (double From, double To)? when) =>
        string.Create(CultureInfo.InvariantCulture,
            $",drawtext=fontfile={Font}:text='{text}':x={x}:y={y}:fontsize={size}:fontcolor=black")
        + (when is { } w ? string.Create(CultureInfo.InvariantCulture, $":enable='gte(t,{w.From})*lt(t,{w.To})'") : "");
}
