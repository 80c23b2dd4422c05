using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>Arguments that cut <c>[start, start + duration)</c> out of a file.</summary>
internal static class ClipCutArguments
{
    /// <param name="reEncode">Null: stream copy (fast, but the cut snaps to the keyframe before <paramref name="start"/>).
    /// Set: re-encode video (frame-accurate) and audio as AAC.</param>
    public static string Build(string input, string output, MediaTime start, MediaTime duration, VideoEncoding? reEncode = null)
    {
        QuotedPath.Require(input, nameof(input));
        QuotedPath.Require(output, nameof(output));
        if (duration.Milliseconds == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "a cut needs a positive duration");
        }

        // -ss before -i seeks the input (fast); -t after it limits the output.
        return FFMpegArguments
            .FromFileInput(input, verifyExists: false, i => i.WithCustomArgument($"-ss {start}"))
            .OutputToFile(output, overwrite: true, o =>
            {
                o.WithCustomArgument($"-t {duration}");
                if (reEncode is null)
                {
                    // Stream copy keeps source timestamps; shift them so the clip starts at 0.
                    o.CopyStreams().WithCustomArgument("-avoid_negative_ts make_zero");
                }
                else
                {
                    o.WithVideoCodec(EncoderName.Require(reEncode.Codec, nameof(reEncode)))
                        .WithCustomArgument($"-crf {reEncode.Crf}")
                        .WithCustomArgument($"-preset {EncoderName.Require(reEncode.Preset, nameof(reEncode))}")
                        .WithAudioCodec("aac");
                }
            })
            .Arguments;
    }
}
