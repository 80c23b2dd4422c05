using System.Globalization;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// A difference hash (dHash, 16 × 16 = 256 bits) of one video frame: the frame scaled to 17 × 16 grey, each bit
/// says whether a pixel is brighter than its right neighbour. Frames that look the same differ in few bits.
/// </summary>
internal static class FrameHash
{
    public static async Task<bool[]> AtAsync(string video, double seconds)
    {
        var raw = Path.Combine(MediaGenerator.Folder, $"hash-{Guid.NewGuid():N}.gray");
        await MediaTools.Runner.RunAsync(string.Create(CultureInfo.InvariantCulture,
            $"-y -ss {seconds:0.###} -i {video} -frames:v 1 -vf scale=17:16:flags=area,format=gray -f rawvideo {raw}"));
        var pixels = await File.ReadAllBytesAsync(raw);
        File.Delete(raw);
        var bits = new bool[256];
        for (var y = 0; y < 16; y++)
            for (var x = 0; x < 16; x++)
                bits[y * 16 + x] = pixels[y * 17 + x] > pixels[y * 17 + x + 1];
        return bits;
    }

    public static int Distance(bool[] a, bool[] b) => a.Zip(b).Count(p => p.First != p.Second);
}
