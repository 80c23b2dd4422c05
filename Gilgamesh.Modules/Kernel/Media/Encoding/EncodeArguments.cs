using System.Globalization;
using FFMpegCore;

// Namespace "Encoders", not the folder's "Encoding": a namespace Kernel.Media.Encoding would shadow System.Text.Encoding
// for every file in Kernel.Media (Encoding.UTF8 would stop compiling there).
namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// Arguments that re-encode a file's video to an <see cref="EncodePreset"/>, keeping the other streams,
/// metadata and chapters by <see cref="StreamRules"/>.
/// </summary>
internal static class EncodeArguments
{
    public static string Build(string input, string output, EncodePreset preset, EncoderKind kind, StreamRules rules)
    {
        QuotedPath.Require(input, nameof(input));
        QuotedPath.Require(output, nameof(output));
        var video = EncoderSelection.VideoOptions(preset, kind);
        var audioCodec = EncoderName.Require(rules.AudioCodec, nameof(rules));
        if (rules.MaxHeight is <= 0) throw new ArgumentOutOfRangeException(nameof(rules), rules.MaxHeight, "max height must be positive");

        return FFMpegArguments
            .FromFileInput(input, verifyExists: false)
            .OutputToFile(output, overwrite: true, o =>
            {
                // Explicit maps: ffmpeg's default picks one stream per type, which would drop a second audio language.
                o.WithCustomArgument("-map 0:v:0");
                if (rules.AudioLanguages.Count == 0)
                {
                    o.WithCustomArgument("-map 0:a?");
                }
                else
                {
                    foreach (var language in rules.AudioLanguages)
                        o.WithCustomArgument($"-map 0:a:m:language:{EncoderName.Require(language, nameof(rules))}?");
                }

                if (rules.KeepSubtitles) o.WithCustomArgument("-map 0:s?");
                o.WithCustomArgument("-map_metadata 0 -map_chapters 0");
                if (rules.MaxHeight is { } maxHeight)
                {
                    // min(): never upscale; -2: the aspect kept with an even width (4:2:0 needs it).
                    o.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-vf \"scale=-2:'min({maxHeight},ih)'\""));
                }

                o.WithCustomArgument(video);
                o.WithCustomArgument($"-c:a {audioCodec}");
                if (audioCodec != "copy")
                {
                    if (rules.AudioBitrateKbps is { } kbps) o.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-b:a {kbps}k"));
                    if (rules.AudioChannels is { } channels) o.WithCustomArgument(string.Create(CultureInfo.InvariantCulture, $"-ac {channels}"));
                }

                if (rules.KeepSubtitles) o.WithCustomArgument("-c:s copy");
                if (preset.FastStart) o.WithFastStart();
            })
            .Arguments;
    }
}
