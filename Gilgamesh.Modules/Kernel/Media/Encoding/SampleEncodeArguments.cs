using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// Arguments that encode a short span of the video alone with a preset: the sample a size and time forecast
/// (or a CRF search) is made from.
/// </summary>
internal static class SampleEncodeArguments
{
    public static string Build(string input, string output, EncodePreset preset, EncoderKind kind, MediaTime start, MediaTime duration, int? maxHeight = null)
    {
        QuotedPath.Require(input, nameof(input));
        QuotedPath.Require(output, nameof(output));
        if (duration.Milliseconds == 0) throw new ArgumentOutOfRangeException(nameof(duration), "a sample needs a positive duration");
        var video = EncoderSelection.VideoOptions(preset with { FastStart = false }, kind);
        return FFMpegArguments
            .FromFileInput(input, verifyExists: false, i => i.WithCustomArgument($"-ss {start}"))
            .OutputToFile(output, overwrite: true, o =>
            {
                o.WithCustomArgument($"-t {duration} -map 0:v:0 -an -sn");
                if (maxHeight is { } height)
                    o.WithCustomArgument(FormattableString.Invariant($"-vf \"scale=-2:'min({height},ih)'\""));
                o.WithCustomArgument(video);
            })
            .Arguments;
    }
}
