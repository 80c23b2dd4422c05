using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// An HTTP-style byte range: <c>Start..End</c> inclusive (open end = to the last byte), or, with
/// <see cref="Last"/>, the final N bytes (HTTP's <c>bytes=-N</c>).
/// </summary>
internal readonly record struct ByteRange
{
    public long Start { get; }
    public long? End { get; }
    public long? SuffixLength { get; }

    private ByteRange(long start, long? end, long? suffixLength)
    {
        Start = start;
        End = end;
        SuffixLength = suffixLength;
    }

    public static ByteRange From(long start, long? end = null)
    {
        if (start < 0 || (end is { } e && e < start))
            throw Invalid($"bytes={start}-{end}");
        return new ByteRange(start, end, null);
    }

    public static ByteRange Last(long count)
    {
        if (count <= 0)
            throw Invalid($"bytes=-{count}");
        return new ByteRange(0, null, count);
    }

    /// <summary>Offset and length within an object of <paramref name="size"/> bytes (end clamped, as HTTP does).</summary>
    public (long Offset, long Length) Resolve(long size)
    {
        if (SuffixLength is { } suffix)
        {
            var length = Math.Min(suffix, size);
            return (size - length, length);
        }
        if (Start >= size)
            throw Invalid($"bytes={Start}-{End} of {size}");
        var last = Math.Min(End ?? size - 1, size - 1);
        return (Start, last - Start + 1);
    }

    private static GilgameshException Invalid(string range) =>
        new(ErrorCodes.StorageRangeInvalid, $"Byte range {range} is not satisfiable.", 416);
}
