using System.Globalization;
using System.Text;

namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Writes a binary PGM (P5). Tesseract's image library reads Netpbm natively, and unlike PNG it needs no
/// compression or checksums: a header line and the raw bytes.
/// </summary>
internal static class PgmFile
{
    public static async Task WriteAsync(string path, GrayImage image, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{image.Width} {image.Height}\n255\n"));
        await file.WriteAsync(header, ct).ConfigureAwait(false);
        await file.WriteAsync(image.Pixels, ct).ConfigureAwait(false);
    }
}
