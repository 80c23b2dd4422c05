using System.Buffers.Binary;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// The header ffmpeg's WAV muxer writes on a pipe (sizes unknown, so 0xFFFFFFFF): RIFF, WAVE, a
/// <c>fmt </c> chunk, maybe others, then <c>data</c>. Only 16-bit mono PCM is accepted, the one layout
/// <see cref="PcmDecoder.DecodeInt16Async"/> asks for.
/// </summary>
/// <param name="SampleRate">The rate ffmpeg actually delivers: exact, unlike a probe's guess of it.</param>
/// <param name="DataOffset">Bytes before the first sample.</param>
internal readonly record struct WavStreamHeader(int SampleRate, int DataOffset)
{
    /// <summary>Parses the header at the start of <paramref name="bytes"/>; false when it is incomplete there.</summary>
    /// <exception cref="InvalidDataException">Not a 16-bit mono PCM WAV header.</exception>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out WavStreamHeader header)
    {
        header = default;
        if (bytes.Length < 12)
        {
            return false;
        }

        if (!bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("not a RIFF/WAVE stream");
        }

        var sampleRate = 0;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset + 4, 4));
            offset += 8;
            if (id.SequenceEqual("data"u8))
            {
                header = sampleRate > 0 ? new WavStreamHeader(sampleRate, offset) : throw new InvalidDataException("data before fmt");
                return true;
            }

            // Chunks are padded to even sizes; a size this large is not one ffmpeg writes before data.
            var padded = size + (size & 1);
            if (padded > int.MaxValue / 2 || offset + (int)padded > bytes.Length)
            {
                return false;
            }

            if (id.SequenceEqual("fmt "u8))
            {
                sampleRate = FormatRate(bytes.Slice(offset, (int)size));
            }

            offset += (int)padded;
        }

        return false;
    }

    private static int FormatRate(ReadOnlySpan<byte> fmt)
    {
        if (fmt.Length < 16)
        {
            throw new InvalidDataException("fmt chunk too short");
        }

        var format = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        // 1: WAVE_FORMAT_PCM.
        return format == 1 && channels == 1 && bits == 16 && rate > 0
            ? rate
            : throw new InvalidDataException($"expected 16-bit mono PCM, got format {format}, {channels} channels, {bits} bits");
    }
}
