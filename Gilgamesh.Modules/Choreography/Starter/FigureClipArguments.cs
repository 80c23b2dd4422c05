using System.Globalization;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Choreography.Starter;

/// <summary>
/// ffmpeg arguments that render a <see cref="StarterMoveSpec"/> as a stick figure: lavfi colour boxes
/// (head, torso, two arms, two legs) overlaid on a dark background, each at a position that is an
/// expression of <c>t</c> (overlay evaluates x/y per frame). Output is already the normalised clip form
/// (H.264, yuv420p, constant fps, one GOP per second, no audio), so assembly can copy it.
/// </summary>
internal static class FigureClipArguments
{
    public const int Size = 128;

    public static string Build(string output, StarterMoveSpec spec, int fps = 30)
    {
        QuotedPath.Require(output, nameof(output));
        if (fps is < 1 or > 120) throw new ArgumentOutOfRangeException(nameof(fps), fps, "fps must be 1–120");
        var d = Number(spec.ClipSeconds);
        var sway = $"3*sin(PI*t*{Number(spec.Bpm / 60)})";
        var snap = $"{spec.Amplitude}*(1+tanh((t-{Number(spec.AccentOffset)})/{Number(StarterMoveSpec.SnapSeconds)}))/2";
        // Offsets are empty or carry their own sign ("-(…)", "+(…)"): ffmpeg's evaluator rejects "+-(".
        var jump = spec.Part == FigurePart.Jump ? $"-({snap})" : "";
        var lean = spec.Part switch { FigurePart.LeanLeft => $"-({snap})", FigurePart.LeanRight => $"+({snap})", _ => "" };
        string ArmY(bool left) => (spec.Part, left) switch
        {
            (FigurePart.BothArms, _) or (FigurePart.LeftArm, true) or (FigurePart.RightArm, false) => $"-({snap})",
            _ => "",
        };

        (string Name, string Color, int W, int H, int X, int Y, string Dx, string Dy)[] parts =
        [
            ("torso", "0xC0C0C0", 20, 40, 54, 44, lean, jump),
            ("head", "0xF0D0A0", 16, 16, 56, 24, lean, jump),
            ("larm", "0x60A0FF", 8, 32, 42, 46, lean, jump + ArmY(left: true)),
            ("rarm", "0xFF8060", 8, 32, 78, 46, lean, jump + ArmY(left: false)),
            ("lleg", "0x80FF80", 8, 36, 54, 86, "", jump),
            ("rleg", "0xFFFF80", 8, 36, 66, 86, "", jump),
        ];

        var graph = new List<string> { $"color=c=0x202020:s={Size}x{Size}:r={fps}:d={d}[bg]" };
        var previous = "bg";
        foreach (var p in parts)
        {
            graph.Add($"color=c={p.Color}:s={p.W}x{p.H}:r={fps}:d={d}[{p.Name}]");
            graph.Add($"[{previous}][{p.Name}]overlay=x='{p.X}+{sway}{p.Dx}':y='{p.Y}{p.Dy}':eval=frame[v{p.Name}]");
            previous = "v" + p.Name;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"-filter_complex \"{string.Join(';', graph)}\" -map [{previous}] -frames:v {(int)Math.Round(spec.ClipSeconds * fps)} -c:v libx264 -preset ultrafast -pix_fmt yuv420p -g {fps} -an -fflags +bitexact -y \"{output}\"");
    }

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
