using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Choreography.Starter;

/// <summary>
/// The starter library: 24 stick-figure moves (three styles × six snapping parts, plus a few slower and
/// longer ones) spanning difficulty 1–5, energy 0.2–0.95, 90–128 BPM, 2/4/8 counts, every accent on a count.
/// Rendered with ffmpeg in about a second each here, so a new user can try the whole path before filming.
/// </summary>
internal static class StarterLibrary
{
    private static readonly (string Style, double Bpm, string Feel)[] Styles =
    [
        ("hiphop", 96, "grounded, bouncy"),
        ("house", 124, "light, jacking"),
        ("pop", 112, "sharp, showy"),
    ];

    private static readonly (FigurePart Part, string Name, string Tag)[] Parts =
    [
        (FigurePart.LeftArm, "left arm hit", "arms"),
        (FigurePart.RightArm, "right arm hit", "arms"),
        (FigurePart.BothArms, "double arm raise", "arms"),
        (FigurePart.Jump, "hop", "legs"),
        (FigurePart.LeanLeft, "lean left", "torso"),
        (FigurePart.LeanRight, "lean right", "torso"),
    ];

    public static IReadOnlyList<StarterMoveSpec> Moves { get; } = Build();

    /// <summary>Renders every starter clip into <paramref name="folder"/> (temp → rename); returns spec and path.</summary>
    public static async Task<IReadOnlyList<(StarterMoveSpec Spec, string Path)>> RenderAsync(FfmpegRunner runner, string folder, IProgress<double>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var result = new List<(StarterMoveSpec, string)>();
        for (var i = 0; i < Moves.Count; i++)
        {
            var spec = Moves[i];
            var path = Path.Combine(folder, FileName(spec));
            if (!File.Exists(path))
            {
                var temp = path + ".partial.mp4";
                await runner.RunAsync(FigureClipArguments.Build(temp, spec), new FfmpegRunOptions(), ct).ConfigureAwait(false);
                File.Move(temp, path, overwrite: true);
            }

            result.Add((spec, path));
            progress?.Report((i + 1.0) / Moves.Count);
        }

        return result;
    }

    public static string FileName(StarterMoveSpec spec) => spec.Name.Replace(' ', '-') + ".mp4";

    private static List<StarterMoveSpec> Build()
    {
        var moves = new List<StarterMoveSpec>();
        for (var s = 0; s < Styles.Length; s++)
        {
            var (style, bpm, feel) = Styles[s];
            for (var p = 0; p < Parts.Length; p++)
            {
                var (part, name, tag) = Parts[p];
                var difficulty = 1 + (s + p) % 5;
                var energy = Math.Round(0.2 + 0.75 * ((s * 7 + p * 5) % 11) / 10.0, 2);
                var counts = p % 3 == 2 ? 8 : 4;
                var accent = p % 2 == 0 ? 1 : 2;
                moves.Add(new StarterMoveSpec($"{style} {name}", $"a {feel} {style} {name} that hits on count {accent + 1}", style,
                    [style, tag, energy >= 0.6 ? "energetic" : "smooth"], difficulty, energy, bpm, counts, accent, part, 18 + 4 * (p % 3), part is not FigurePart.Jump));
            }

            // Slower and shorter variants: other tempos and two-count fillers keep every phrase fillable.
            moves.Add(new StarterMoveSpec($"{style} slow groove", $"a relaxed {style} groove", style, [style, "groove", "smooth"], 1, 0.25, bpm - 6, 4, 2, FigurePart.LeanLeft, 14, true));
            moves.Add(new StarterMoveSpec($"{style} quick hit", $"a two-count {style} accent", style, [style, "accent", "energetic"], 2, 0.8, bpm, 2, 1, FigurePart.BothArms, 22, true));
        }

        return moves;
    }
}
