namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// PySceneDetect's content value: the mean over pixels of |ΔH|, |ΔS| and |ΔV|, averaged over the three
/// channels. Two deliberate differences: hue distance is circular (red at 0 and at 179 is the same
/// colour), and it is weighted by the lower saturation × value of the pair, because hue is noise on
/// near-grey and near-black pixels (a fade through black would otherwise score like a cut); for the
/// same reason saturation, which is max−min over a tiny max on dark pixels, is weighted by the lower value.
/// </summary>
internal static class ContentScore
{
    public static double Between(HsvFrame a, HsvFrame b)
    {
        long hue = 0, saturation = 0, value = 0;
        for (var i = 0; i < a.H.Length; i++)
        {
            var dh = Math.Abs(a.H[i] - b.H[i]);
            dh = Math.Min(dh, 180 - dh);
            var weight = Math.Min(a.S[i], b.S[i]) * Math.Min(a.V[i], b.V[i]);
            // dh (0..90) scaled to 0..255 like the other channels, times weight / 255².
            hue += dh * 255 / 90 * weight / 65025;
            saturation += Math.Abs(a.S[i] - b.S[i]) * Math.Min(a.V[i], b.V[i]) / 255;
            value += Math.Abs(a.V[i] - b.V[i]);
        }

        return (double)(hue + saturation + value) / (3.0 * a.H.Length);
    }
}
