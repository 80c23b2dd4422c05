using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// A 15 s 720p screen-recording-like video at 10 fps: a white slide with a title and four bullet lines
/// (DejaVu Sans 28 px, drawtext), where only the third bullet changes at 3, 6, 9 and 12 s. A slide
/// change here alters about 0.2% of the pixels: invisible to histogram detectors by design.
/// <see cref="EditShot"/> makes the same kind of slide as one shot of a generated edit. Needs the Debian package <c>fonts-dejavu-core</c>.
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

    // The other bullets of an edit's slide shot (one of them is replaced by a changing line).
    private static readonly string[] FixedLines =
    [
        "- silence detection runs on the envelope",
        "- scene cuts come from content deltas",
        "- only one line differs between two slides",
        "- keyframes are written per scene",
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

    /// <summary>
    /// A slide shot for generated edits: the same layout at <paramref name="width"/>x<paramref name="height"/>
    /// (positions and font sizes scaled from 720p), 25 fps, where one bullet changes at each of
    /// <paramref name="changeTimes"/> (seconds into the shot). <paramref name="variant"/> picks the title and
    /// the changing bullet, so consecutive slide shots differ.
    /// </summary>
    public static Shot EditShot(int width, int height, double seconds, IReadOnlyList<double> changeTimes, int variant)
    {
        var scale = height / 720.0;
        int At(double value) => (int)Math.Round(value * scale);
        var filter = new StringBuilder(FormattableString.Invariant($"color=c=white:s={width}x{height}:r=25"));
        filter.Append(Text(FormattableString.Invariant($"Review {variant + 1} of the analysis engines"), At(80), At(60), At(44), null));
        var bounds = new[] { 0.0 }.Concat(changeTimes).Append(seconds).ToArray();
        var changing = variant % 4;
        for (var line = 0; line < 4; line++)
        {
            var y = At(200 + 60 * line);
            if (line != changing)
            {
                filter.Append(Text(FixedLines[line], At(120), y, At(28), null));
                continue;
            }

            for (var i = 0; i + 1 < bounds.Length; i++)
            {
                filter.Append(Text(ChangingLines[(variant + i) % ChangingLines.Length], At(120), y, At(28), (bounds[i], bounds[i + 1])));
            }
        }

        return new Shot(filter.ToString(), seconds, "cut", changeTimes);
    }

    private static string Text(string text, int x, int y, int size, (double From, double To)? when) =>
        string.Create(CultureInfo.InvariantCulture,
            $",drawtext=fontfile={Font}:text='{text}':x={x}:y={y}:fontsize={size}:fontcolor=black")
        + (when is { } w ? string.Create(CultureInfo.InvariantCulture, $":enable='gte(t,{w.From})*lt(t,{w.To})'") : "");
}
