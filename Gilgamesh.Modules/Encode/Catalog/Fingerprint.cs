using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>
/// SHA-256 of the size and sampled chunks (start, middle, end; 1 MiB each): the same for the same bytes
/// wherever they move or whatever they are renamed to, and cheap for a 50 GB file. Files up to 3 MiB are hashed whole.
/// </summary>
internal static class Fingerprint
{
    public const int ChunkBytes = 1 << 20;

    public static async Task<string> OfAsync(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        var length = stream.Length;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture) + ":"));
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            if (length <= 3L * ChunkBytes)
            {
                int n;
                while ((n = await stream.ReadAsync(buffer.AsMemory(0, ChunkBytes), ct)) > 0) hash.AppendData(buffer, 0, n);
            }
            else
            {
                foreach (var offset in new[] { 0, length / 2 - ChunkBytes / 2, length - ChunkBytes })
                {
                    stream.Position = offset;
                    await stream.ReadExactlyAsync(buffer.AsMemory(0, ChunkBytes), ct);
                    hash.AppendData(buffer, 0, ChunkBytes);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 of the whole file (the journal's proof that a copy is the same bytes).</summary>
    public static async Task<string> FullAsync(string path, CancellationToken ct = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
