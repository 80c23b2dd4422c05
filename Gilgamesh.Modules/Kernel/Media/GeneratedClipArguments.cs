using System.Globalization;
using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>Arguments that render a <see cref="GeneratedClipSpec"/> from lavfi sources.</summary>
internal static class GeneratedClipArguments
{
    public static string Build(string output, GeneratedClipSpec spec)
    {
        QuotedPath.Require(output, nameof(output));
        if (!spec.IncludeVideo && spec.ToneHz is null)
        {
            throw new ArgumentException("a generated clip needs video, a tone, or both", nameof(spec));
        }

        if (spec.Duration.Milliseconds == 0 || spec.Width <= 0 || spec.Height <= 0 || spec.FrameRate <= 0 || spec.SampleRate <= 0 || spec.ToneHz is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), "duration, size, rates and tone must be positive");
        }

        var sources = new List<string>();
        if (spec.IncludeVideo)
        {
            sources.Add(Invariant($"testsrc2=size={spec.Width}x{spec.Height}:rate={spec.FrameRate}:duration={spec.Duration}"));
        }

        if (spec.ToneHz is { } toneHz)
        {
            sources.Add(Invariant($"sine=frequency={toneHz}:sample_rate={spec.SampleRate}:duration={spec.Duration}"));
        }

        var arguments = FFMpegArguments.FromFileInput(sources[0], verifyExists: false, i => i.ForceFormat("lavfi"));
        foreach (var source in sources.Skip(1))
        {
            arguments = arguments.AddFileInput(source, verifyExists: false, i => i.ForceFormat("lavfi"));
        }

        return arguments.OutputToFile(output, overwrite: true, o =>
            {
                if (spec.IncludeVideo)
                {
                    // ultrafast: test media should cost as little CPU as possible; yuv420p: playable everywhere.
                    o.WithVideoCodec("libx264").WithCustomArgument("-preset ultrafast -pix_fmt yuv420p");
                }

                if (spec.ToneHz is not null)
                {
                    o.WithAudioCodec(EncoderName.Require(spec.AudioCodec, nameof(spec)));
                }

                // bitexact: no encoder version strings, so the same ffmpeg build yields the same bytes.
                o.WithCustomArgument("-fflags +bitexact");
            })
            .Arguments;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
