namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>A part of a file's audio to decode: from <paramref name="StartSeconds"/>, for <paramref name="DurationSeconds"/> (null: to the end).</summary>
internal sealed record PcmRange(double StartSeconds, double? DurationSeconds)
{
    public double StartSeconds { get; } = StartSeconds >= 0 && double.IsFinite(StartSeconds)
        ? StartSeconds
        : throw new ArgumentOutOfRangeException(nameof(StartSeconds), "a finite start at or after 0");

    public double? DurationSeconds { get; } = DurationSeconds is null or > 0 && (DurationSeconds is null || double.IsFinite(DurationSeconds.Value))
        ? DurationSeconds
        : throw new ArgumentOutOfRangeException(nameof(DurationSeconds), "a positive, finite duration");
}
