namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary>One silent or active stretch: seconds (millisecond precision) and its mean RMS level in dBFS.</summary>
internal sealed record AudioInterval(double Start, double End, double MeanDb)
{
    public double Duration => Math.Round(End - Start, 3);
}
