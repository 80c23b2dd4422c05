using System.Globalization;
using System.Text;
using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media.Render.Joins;

/// <summary>Commands for joins that re-encode (pure); matching inputs go through <see cref="ConcatArguments"/> instead.</summary>
internal static class JoinArguments
{
    /// <summary>
    /// The concat filter over inputs whose parameters differ: each video is fitted to the first one's size (black
    /// bars), resampled to its rate and square pixels; audio to 48 kHz stereo.
    /// </summary>
    public static string Filter(IReadOnlyList<string> inputs, string output, int width, int height, FrameRate rate, bool audio, VideoEncoding? encoding) =>
        Graph(inputs, output, encoding, audio, graph =>
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                graph.Append(Normalise(i, width, height, rate, audio));
            }

            for (var i = 0; i < inputs.Count; i++)
            {
                graph.Append(Invariant($"[v{i}]")).Append(audio ? Invariant($"[a{i}]") : "");
            }

            graph.Append(Invariant($"concat=n={inputs.Count}:v=1:a={(audio ? 1 : 0)}[v]")).Append(audio ? "[a]" : "");
        });

    /// <summary>
    /// Crossfades (<c>xfade</c> for video, <c>acrossfade</c> for audio) of <paramref name="fade"/> seconds at each
    /// boundary; <paramref name="durations"/> are the inputs' lengths, which place each fade's offset.
    /// </summary>
    public static string Crossfade(IReadOnlyList<string> inputs, IReadOnlyList<double> durations, double fade, string output,
        int width, int height, FrameRate rate, bool audio, VideoEncoding? encoding)
    {
        if (inputs.Count < 2 || durations.Count != inputs.Count)
        {
            throw new ArgumentException("a crossfade joins at least two inputs, each with its duration", nameof(inputs));
        }

        if (fade <= 0 || durations.Any(d => d <= fade))
        {
            throw new ArgumentOutOfRangeException(nameof(fade), fade, "the fade is positive and shorter than every input");
        }

        return Graph(inputs, output, encoding, audio, graph =>
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                graph.Append(Normalise(i, width, height, rate, audio));
            }

            var offset = 0.0;
            string video = "[v0]", sound = "[a0]";
            for (var i = 1; i < inputs.Count; i++)
            {
                offset += durations[i - 1] - fade;
                var last = i == inputs.Count - 1;
                var videoOut = last ? "[v]" : Invariant($"[vx{i}]");
                graph.Append(Invariant($"{video}[v{i}]xfade=transition=fade:duration={fade:0.000}:offset={offset:0.000}{videoOut};"));
                video = videoOut;
                if (audio)
                {
                    var soundOut = last ? "[a]" : Invariant($"[ax{i}]");
                    graph.Append(Invariant($"{sound}[a{i}]acrossfade=d={fade:0.000}{soundOut};"));
                    sound = soundOut;
                }
            }

            graph.Length--; // the last ';'
        });
    }

    private static string Normalise(int i, int width, int height, FrameRate rate, bool audio) =>
        Invariant($"[{i}:v]scale={width}:{height}:force_original_aspect_ratio=decrease:force_divisible_by=2,pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:black,setsar=1,fps={rate},format=yuv420p,settb=AVTB,setpts=PTS-STARTPTS[v{i}];") +
        (audio ? Invariant($"[{i}:a]aformat=sample_rates=48000:channel_layouts=stereo,asetpts=PTS-STARTPTS[a{i}];") : "");

    private static string Graph(IReadOnlyList<string> inputs, string output, VideoEncoding? encoding, bool audio, Action<StringBuilder> build)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("a join needs inputs", nameof(inputs));
        }

        var graph = new StringBuilder();
        build(graph);
        var arguments = FFMpegArguments.FromFileInput(QuotedPath.Require(inputs[0], nameof(inputs)), verifyExists: false);
        foreach (var input in inputs.Skip(1))
        {
            arguments = arguments.AddFileInput(QuotedPath.Require(input, nameof(inputs)), verifyExists: false);
        }

        return arguments.OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument($"-filter_complex \"{graph}\" -map \"[v]\"{(audio ? " -map \"[a]\"" : "")}")
                .WithCustomArgument(RenderEncoding.Arguments(encoding, audio)))
            .Arguments;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
