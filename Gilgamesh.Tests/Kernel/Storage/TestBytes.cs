namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>Deterministic pseudo-random content so failures reproduce.</summary>
internal static class TestBytes
{
    public static byte[] Random(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A stream that cannot seek or report its length, like an HTTP request body.</summary>
    public static Stream Unseekable(byte[] bytes) => new InterruptingReadStream(bytes, long.MaxValue, _ => Task.CompletedTask);

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }
}
