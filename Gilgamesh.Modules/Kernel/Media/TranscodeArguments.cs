using System.Globalization;
using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>Arguments that transcode one file to <see cref="TranscodeSettings"/>.</summary>
internal static class TranscodeArguments
{
    public static string Build(string input, string output, TranscodeSettings settings)
    {
        QuotedPath.Require(input, nameof(input));
        QuotedPath.Require(output, nameof(output));
        Validate(settings);

        return FFMpegArguments
            .FromFileInput(input, verifyExists: false)
            .OutputToFile(output, overwrite: true, o =>
            {
                o.WithVideoCodec(EncoderName.Require(settings.VideoCodec, nameof(settings)));
                if (settings.Crf is { } crf)
                {
                    o.WithCustomArgument($"-crf {crf}");
                }

                if (settings.VideoBitrateKbps is { } videoKbps)
                {
                    o.WithVideoBitrate(videoKbps);
                }

                if (settings.Preset is { } preset)
                {
                    o.WithCustomArgument($"-preset {EncoderName.Require(preset, nameof(settings))}");
                }

                if (settings.Width is not null || settings.Height is not null)
                {
                    // -2: "keep the aspect ratio, rounded to an even number".
                    o.WithVideoFilters(f => f.Scale(settings.Width ?? -2, settings.Height ?? -2));
                }

                if (settings.PixelFormat is { } pixelFormat)
                {
                    o.WithCustomArgument($"-pix_fmt {EncoderName.Require(pixelFormat, nameof(settings))}");
                }

                if (settings.AudioCodec is { } audioCodec)
                {
                    o.WithAudioCodec(EncoderName.Require(audioCodec, nameof(settings)));
                    if (settings.AudioBitrateKbps is { } audioKbps)
                    {
                        o.WithAudioBitrate(audioKbps);
                    }
                }
                else
                {
                    o.DisableAudio();
                }

                if (settings.FastStart)
                {
                    o.WithFastStart();
                }
            })
            .Arguments;
    }

    private static void Validate(TranscodeSettings settings)
    {
        if (settings.Crf is not null && settings.VideoBitrateKbps is not null)
        {
            throw new ArgumentException("give a CRF or a video bitrate, not both", nameof(settings));
        }

        foreach (var (name, value) in new[] { ("VideoBitrateKbps", settings.VideoBitrateKbps), ("AudioBitrateKbps", settings.AudioBitrateKbps), ("Width", settings.Width), ("Height", settings.Height) })
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(settings), value, string.Create(CultureInfo.InvariantCulture, $"{name} must be positive"));
            }
        }
    }
}
