namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// A frame as H (0–179, OpenCV's scale, as PySceneDetect uses), S and V (0–255) planes. Buffers are
/// reused through <see cref="Fill"/> so a ring of these keeps memory flat.
/// </summary>
internal sealed class HsvFrame(int pixelCount)
{
    public byte[] H { get; } = new byte[pixelCount];
    public byte[] S { get; } = new byte[pixelCount];
    public byte[] V { get; } = new byte[pixelCount];

    /// <summary>Converts one planar frame in ffmpeg's gbrp layout (G plane, B plane, R plane).</summary>
    public void Fill(ReadOnlySpan<byte> gbrp)
    {
        var n = H.Length;
        HsvConversion.Convert(gbrp.Slice(2 * n, n), gbrp[..n], gbrp.Slice(n, n), H, S, V);
    }
}
