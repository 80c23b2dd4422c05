namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>Mean-square energy ↔ dBFS (a full-scale square wave is 0 dBFS; a full-scale sine −3 dBFS).</summary>
internal static class Decibels
{
    /// <summary>Floor for digital silence, so logs of zero stay finite and JSON never sees −∞.</summary>
    public const double Floor = -120;

    public static double FromEnergy(double meanSquare) =>
        meanSquare <= 1e-12 ? Floor : Math.Max(Floor, 10 * Math.Log10(meanSquare));
}
