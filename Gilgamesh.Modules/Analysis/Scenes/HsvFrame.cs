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

    public void Fill(byte[] rgb)
    {
        for (int i = 0, p = 0; i < H.Length; i++, p += 3)
        {
            int r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
            var max = Math.Max(r, Math.Max(g, b));
            var min = Math.Min(r, Math.Min(g, b));
            var delta = max - min;
            V[i] = (byte)max;
            S[i] = max == 0 ? (byte)0 : (byte)(255 * delta / max);
            if (delta == 0)
            {
                H[i] = 0;
                continue;
            }

            int hue60 = max == r ? 60 * (g - b) / delta : max == g ? 120 + 60 * (b - r) / delta : 240 + 60 * (r - g) / delta;
            if (hue60 < 0)
            {
                hue60 += 360;
            }

            H[i] = (byte)(hue60 / 2 % 180);
        }
    }
}
