using System.Globalization;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Constant rate factor (lower is better quality). 0–63 covers every encoder the platform uses:
/// x264/x265 stop at 51, SVT-AV1 goes to 63; ffmpeg itself rejects a value the chosen encoder does not take.
/// </summary>
internal readonly record struct Crf
{
    public const int Min = 0;
    public const int Max = 63;

    public Crf(int value) =>
        Value = value is >= Min and <= Max
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"CRF must be between {Min} and {Max}");

    public int Value { get; }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
