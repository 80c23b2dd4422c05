using System.IO.Compression;
using System.Text;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// UTF-8 length over zlib-compressed length, Whisper's repetition detector: a decoder stuck in a loop
/// ("thank you thank you …") compresses far better than speech, and above 2.4 the window is decoded again
/// at a higher temperature.
/// </summary>
internal static class CompressionRatio
{
    public static double Of(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0) return 0;
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(bytes);
        return (double)bytes.Length / buffer.Length;
    }
}
