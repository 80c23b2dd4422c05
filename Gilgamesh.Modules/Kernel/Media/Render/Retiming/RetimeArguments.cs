using System.Globalization;
using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media.Render.Retiming;

/// <summary>
/// The command of a retime (pure). Video: <c>setpts</c> divides time by the speed and <c>fps</c> resamples to the
/// source rate, so the output has a constant rate and, with <c>-frames:v</c>, an exact frame count. Audio: an
/// <c>atempo</c> chain (each stage within 0.5–2, where atempo is transparent), padded and trimmed to the video's length.
/// </summary>
internal static class RetimeArguments
{
    public static string Build(string input, string output, double speed, long frames, FrameRate rate, bool mirror, bool hasAudio, VideoEncoding? encoding)
    {
        if (!double.IsFinite(speed) || speed is < 0.0625 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed is between 1/16 and 16");
        }

        if (frames <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frames), frames, "a retimed span has at least one frame");
        }

        var seconds = rate.TimeOf(frames);
        var video = Invariant($"[0:v]setpts=(PTS-STARTPTS)/{speed:0.######},fps={rate}{(mirror ? ",hflip" : "")}[v]");
        var audio = Invariant($"[0:a]asetpts=PTS-STARTPTS,{AtempoChain(speed)},apad,atrim=0:{seconds:0.000000}[a]");
        var graph = hasAudio ? $"{video};{audio}" : video;
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument(Invariant($"-filter_complex \"{graph}\" -map \"[v]\"{(hasAudio ? " -map \"[a]\"" : "")} -frames:v {frames}"))
                .WithCustomArgument(RenderEncoding.Arguments(encoding, hasAudio)))
            .Arguments;
    }

    /// <summary><c>atempo=2,atempo=1.5</c> for 3×: stages of at most 2 (or at least 0.5), the last one the remainder.</summary>
    public static string AtempoChain(double speed)
    {
        var stages = new List<string>();
        var rest = speed;
        while (rest > 2)
        {
            stages.Add("atempo=2");
            rest /= 2;
        }

        while (rest < 0.5)
        {
            stages.Add("atempo=0.5");
            rest /= 0.5;
        }

        if (Math.Abs(rest - 1) > 1e-9 || stages.Count == 0)
        {
            stages.Add(Invariant($"atempo={rest:0.######}"));
        }

        return string.Join(',', stages);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
