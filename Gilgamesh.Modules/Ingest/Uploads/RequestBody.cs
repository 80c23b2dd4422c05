using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>Streams request bodies to disk with a per-endpoint size limit; nothing is held in memory beyond one buffer.</summary>
internal static class RequestBody
{
    private const int BufferSize = 1 << 20;

    /// <summary>
    /// Lifts Kestrel's global 1 MB body limit for this request to <paramref name="maxBytes"/> and refuses a declared
    /// Content-Length above it before a byte is read.
    /// </summary>
    public static void Allow(HttpContext http, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = maxBytes;
        if (http.Request.ContentLength > maxBytes) throw TooLarge(maxBytes);
    }

    public static GilgameshException TooLarge(long maxBytes) =>
        new(ErrorCodes.BodyTooLarge, $"The upload is larger than the {maxBytes} bytes this server accepts.", 413);

    /// <summary>
    /// Copies at most <paramref name="maxBytes"/> from <paramref name="body"/> into <paramref name="target"/>; returns the bytes copied.
    /// With <paramref name="hash"/>, every byte written is also appended to it (hashing while receiving, not in a second pass).
    /// </summary>
    public static async Task<long> CopyAsync(Stream body, Stream target, long maxBytes, CancellationToken ct,
        System.Security.Cryptography.IncrementalHash? hash = null)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), ct)) > 0)
            {
                total += read;
                if (total > maxBytes) throw TooLarge(maxBytes);
                hash?.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            return total;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
