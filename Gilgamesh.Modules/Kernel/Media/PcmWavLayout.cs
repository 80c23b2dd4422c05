using System.Buffers.Binary;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Where the samples of a 16-bit mono PCM WAV file on disk are. Such a file already is what
/// <see cref="PcmDecoder.DecodeInt16Async"/> delivers, so it is read straight from disk: through ffmpeg
/// the same bytes cost a process start and ~0.3 s of CPU per hour of audio (demux, a no-op conversion,
/// mux, a pipe). Anything else (stereo, 24-bit, float, RF64, compressed, damaged headers) is left to ffmpeg.
/// </summary>
/// <param name="DataOffset">Byte offset of the first sample.</param>
/// <param name="DataBytes">Bytes of samples: the data chunk's size, cut to the file's end as ffmpeg does.</param>
internal sealed record PcmWavLayout(int SampleRate, long DataOffset, long DataBytes)
{
    private const int MaxChunks = 64;

    // WAVE_FORMAT_EXTENSIBLE's PCM sub-format GUID after its first two bytes (0x0001).
    private static ReadOnlySpan<byte> PcmSubFormatTail => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>The layout when <paramref name="path"/> is a 16-bit mono PCM WAV file; otherwise null.</summary>
    public static PcmWavLayout? TryRead(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            return TryRead(handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // ffmpeg gets the file and reports on it the usual way.
            return null;
        }
    }

    private static PcmWavLayout? TryRead(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[12];
        if (RandomAccess.Read(handle, header, 0) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        var sampleRate = 0;
        long offset = 12;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> fmt = stackalloc byte[40];
        for (var i = 0; i < MaxChunks && offset + 8 <= length; i++)
        {
            if (RandomAccess.Read(handle, chunk, offset) < 8)
            {
                return null;
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            offset += 8;
            if (chunk[..4].SequenceEqual("data"u8))
            {
                // 0 and 0xFFFFFFFF are what streaming writers leave when they cannot seek back.
                var available = length - offset;
                var bytes = size is 0 or uint.MaxValue ? available : Math.Min(size, available);
                return sampleRate > 0 ? new PcmWavLayout(sampleRate, offset, bytes) : null;
            }

            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                var read = RandomAccess.Read(handle, fmt[..(int)Math.Min(size, (uint)fmt.Length)], offset);
                sampleRate = MonoInt16Rate(fmt[..read]);
                if (sampleRate == 0)
                {
                    return null;
                }
            }

            // Chunks are padded to even sizes.
            offset += size + (size & 1);
        }

        return null;
    }

    /// <returns>The rate of a 16-bit mono PCM format chunk; 0 for any other format.</returns>
    private static int MonoInt16Rate(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 16)
        {
            return 0;
        }

        var format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        // 1: WAVE_FORMAT_PCM; 0xFFFE: WAVE_FORMAT_EXTENSIBLE, PCM only when its sub-format says so.
        var pcm = format == 1
            || (format == 0xFFFE && fmt.Length >= 40 && BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]) == 16
                && BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]) == 1 && fmt[26..40].SequenceEqual(PcmSubFormatTail));
        return pcm && channels == 1 && bits == 16 && blockAlign == 2 && rate > 0 ? rate : 0;
    }
}
