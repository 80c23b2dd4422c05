using System.Globalization;
using System.Text;
using FFMpegCore;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// ffmpeg arguments for scene keyframes (JPEG, quality 3, source resolution), built with FFMpegCore. <c>-y</c> is
/// written first (as an input-side argument: FFMpegCore puts its own overwrite flag last), which keeps the commands
/// these builders have always produced.
/// </summary>
internal static class KeyframeArguments
{
    /// <summary>Images one pass selects at most: keeps the filter argument far below Linux's 128 KB per argument.</summary>
    public const int MaxTimesPerPass = 1000;

    /// <summary>The file name of scene <paramref name="sceneIndex"/>'s image (1-based).</summary>
    public static string FileName(int sceneIndex) => string.Create(CultureInfo.InvariantCulture, $"scene-{sceneIndex:0000}.jpg");

    /// <summary>One image at <paramref name="seconds"/>: an input seek, then the first frame at or after it.</summary>
    public static string Seek(string input, double seconds, string output) =>
        FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i => i
                .WithCustomArgument("-y")
                .WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-ss {seconds:0.000}")))
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: false, o => o.WithCustomArgument("-frames:v 1 -q:v 3"))
            .Arguments;

    /// <summary>
    /// One pass writing, for each of <paramref name="times"/> (ascending), the first frame at or after it,
    /// numbered from <paramref name="firstSceneIndex"/> in <paramref name="directory"/>: the frame a seek to
    /// that time gives. A pass that starts later than the file's start seeks to <paramref name="fromSeconds"/>
    /// first (frame times then count from there) and every pass stops a second after its last time.
    /// </summary>
    public static string Pass(string input, IReadOnlyList<double> times, double fromSeconds, int firstSceneIndex, string directory)
    {
        if (times.Count is 0 or > MaxTimesPerPass)
        {
            throw new ArgumentOutOfRangeException(nameof(times), $"1 to {MaxTimesPerPass} times per pass");
        }

        var relative = times.Select(t => (t - fromSeconds).ToString("0.000###", CultureInfo.InvariantCulture)).ToList();
        var select = new StringBuilder();
        AppendSelect(select, relative, 0, relative.Count);
        var duration = (times[^1] - fromSeconds + 1).ToString("0.000", CultureInfo.InvariantCulture);
        // The image2 muxer reads % in the whole path as a pattern; %% is a literal one.
        var pattern = QuotedPath.Require(Path.Combine(directory.Replace("%", "%%"), "scene-%04d.jpg"), nameof(directory));
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false, i =>
            {
                i.WithCustomArgument("-y");
                if (fromSeconds > 0)
                {
                    i.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-ss {fromSeconds:0.000}"));
                }
            })
            .OutputToFile(pattern, overwrite: false, o => o.WithCustomArgument(string.Create(CultureInfo.InvariantCulture,
                $"-t {duration} -map 0:v:0 -vf \"select='{select}'\" -fps_mode passthrough -q:v 3 -start_number {firstSceneIndex}")))
            .Arguments;
    }

    /// <summary>
    /// The select expression for times [<paramref name="from"/>, <paramref name="to"/>): a balanced tree of
    /// <c>if(lt(t,T),left,right)</c> down to one time, where a frame is taken when it is the first at or after
    /// it: <c>t &gt;= T</c> and the previous frame's <c>t &lt; T</c> (prev_t is NaN on the first frame, and
    /// not(gte(NaN,T)) is 1). A flat sum of terms would be simpler, but ffmpeg's expression parser gives up
    /// beyond ~90 of them (its nesting limit); the tree nests log2(n) deep and evaluates log2(n) tests a frame.
    /// </summary>
    private static void AppendSelect(StringBuilder select, List<string> times, int from, int to)
    {
        if (to - from == 1)
        {
            select.Append("gte(t,").Append(times[from]).Append(")*not(gte(prev_t,").Append(times[from]).Append("))");
            return;
        }

        var middle = (from + to) / 2;
        select.Append("if(lt(t,").Append(times[middle]).Append("),");
        AppendSelect(select, times, from, middle);
        select.Append(',');
        AppendSelect(select, times, middle, to);
        select.Append(')');
    }
}
