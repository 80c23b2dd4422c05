using System.Text.RegularExpressions;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Validates tokens that go into the command unquoted (codec, preset, pixel format names, e.g.
/// <c>libx264</c>, <c>p5</c>, <c>yuv420p10le</c>), so a setting can never inject extra arguments.
/// </summary>
internal static partial class EncoderName
{
    public static string Require(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        return Token().IsMatch(value)
            ? value
            : throw new ArgumentException($"'{value}' is not a valid ffmpeg name (letters, digits, '_', '-', '.')", parameterName);
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex Token();
}
