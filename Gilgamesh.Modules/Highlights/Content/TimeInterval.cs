namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>A span of the original in seconds; used for silences and speech stretches.</summary>
internal readonly record struct TimeInterval(double Start, double End)
{
    public double Duration => End - Start;

    public double Overlap(double start, double end) => Math.Max(0, Math.Min(End, end) - Math.Max(Start, start));
}
