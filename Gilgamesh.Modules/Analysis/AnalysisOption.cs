using System.Globalization;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis;

/// <summary>Reading <c>--option value</c> pairs of <c>analyze</c> the same way in every engine.</summary>
internal static class AnalysisOption
{
    /// <summary>A finite invariant-culture number, or a 400 with the engine's option error code naming the option.</summary>
    public static double Number(string key, string value, string errorCode) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw new GilgameshException(errorCode, $"--{key} expects a number, got '{value}'", 400);
}
