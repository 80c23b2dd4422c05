using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

/// <summary>
/// Makes sure fontconfig has the family a style names before burning: libass would otherwise fall back to another
/// font (or draw boxes) without a word. Asks <c>fc-list</c> (fontconfig's CLI, installed with libass).
/// </summary>
internal static class FontCheck
{
    public static async Task RequireAsync(string family, CancellationToken cancellationToken)
    {
        var families = await FamiliesAsync(cancellationToken).ConfigureAwait(false);
        if (!families.Contains(family))
        {
            throw new GilgameshException(ErrorCodes.FontMissing,
                $"font family '{family}' is not installed (fc-list does not know it); install it (e.g. fonts-dejavu) or choose another", 422);
        }
    }

    public static async Task<IReadOnlySet<string>> FamiliesAsync(CancellationToken cancellationToken)
    {
        await using var process = FfmpegProcess.Start("fc-list", ": family");
        using var kill = cancellationToken.Register(process.Kill);
        var output = await process.StandardOutputReader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        // One line per font: "DejaVu Sans,DejaVu Sans Condensed" (a family and its aliases).
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(line => line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
