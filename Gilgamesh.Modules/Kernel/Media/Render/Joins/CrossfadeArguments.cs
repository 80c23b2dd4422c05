using System.Globalization;
using System.Text;
using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media.Render.Joins;

/// <summary>Commands of a boundary-only crossfade join (pure): the fade's frames, and the whole audio with its crossfades.</summary>
internal static class CrossfadeArguments
{
    /// <summary>
    /// The <paramref name="frames"/> frames of one boundary as an MPEG-TS part: the outgoing input from its frame at
    /// <paramref name="outgoingSeconds"/> (seek half a frame early) faded into the incoming input's first frames.
    /// </summary>
    public static string Boundary(string outgoing, double outgoingSeconds, double frameDuration, string incoming, long frames, string encoder, string output)
    {
        var fade = (frames * frameDuration).ToString("0.000000", CultureInfo.InvariantCulture);
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(outgoing, nameof(outgoing)), verifyExists: false, i => i
                .WithCustomArgument($"-ss {Cuts.SmartCutArguments.Seek(outgoingSeconds, frameDuration)}"))
            .AddFileInput(QuotedPath.Require(incoming, nameof(incoming)), verifyExists: false)
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o.WithCustomArgument(string.Create(CultureInfo.InvariantCulture,
                $"-filter_complex \"[0:v]settb=AVTB,setpts=PTS-STARTPTS[a];[1:v]settb=AVTB,setpts=PTS-STARTPTS[b];[a][b]xfade=transition=fade:duration={fade}:offset=0[v]\" -map \"[v]\" -frames:v {frames} {encoder} -f mpegts")))
            .Arguments;
    }

    /// <summary>All inputs' audio joined with an <c>acrossfade</c> of <paramref name="fadeSeconds"/> at each boundary, AAC.</summary>
    public static string Audio(IReadOnlyList<string> inputs, double fadeSeconds, string output)
    {
        var fade = fadeSeconds.ToString("0.000000", CultureInfo.InvariantCulture);
        var graph = new StringBuilder();
        var previous = "[0:a]";
        for (var i = 1; i < inputs.Count; i++)
        {
            var label = i == inputs.Count - 1 ? "[a]" : $"[a{i}]";
            graph.Append(previous).Append(CultureInfo.InvariantCulture, $"[{i}:a]acrossfade=d={fade}").Append(label).Append(i == inputs.Count - 1 ? "" : ";");
            previous = label;
        }

        var arguments = FFMpegArguments.FromFileInput(QuotedPath.Require(inputs[0], nameof(inputs)), verifyExists: false);
        foreach (var input in inputs.Skip(1))
        {
            arguments = arguments.AddFileInput(QuotedPath.Require(input, nameof(inputs)), verifyExists: false);
        }

        return arguments.OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument($"-filter_complex \"{graph}\" -map \"[a]\" -c:a aac -b:a 192k -f mp4"))
            .Arguments;
    }
}
