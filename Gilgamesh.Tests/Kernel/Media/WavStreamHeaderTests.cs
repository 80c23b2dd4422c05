using System.Buffers.Binary;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Kernel.Media;

public sealed class WavStreamHeaderTests
{
    [Test]
    public void TryParse_PipeHeaderWithExtraChunk_GivesRateAndDataOffset()
    {
        var bytes = Header(format: 1, channels: 1, rate: 22_050, bits: 16, extraChunk: true);

        Assert.That(WavStreamHeader.TryParse(bytes, out var header), Is.True);
        Assert.That(header, Is.EqualTo(new WavStreamHeader(22_050, bytes.Length)));
    }

    [Test]
    public void TryParse_WhenCutShort_AsksForMore()
    {
        var bytes = Header(format: 1, channels: 1, rate: 16_000, bits: 16, extraChunk: false);

        Assert.That(WavStreamHeader.TryParse(bytes.AsSpan(0, bytes.Length - 1), out _), Is.False);
        Assert.That(WavStreamHeader.TryParse(bytes.AsSpan(0, 5), out _), Is.False);
    }

    [TestCase(3, 1, 32)]
    [TestCase(1, 2, 16)]
    [TestCase(1, 1, 8)]
    public void TryParse_OtherThanMonoS16_IsRefused(int format, int channels, int bits)
    {
        var bytes = Header(format, channels, 48_000, bits, extraChunk: false);

        Assert.Throws<InvalidDataException>(() => WavStreamHeader.TryParse(bytes, out _));
    }

    [Test]
    public void TryParse_NotRiff_IsRefused()
    {
        Assert.Throws<InvalidDataException>(() => WavStreamHeader.TryParse("This is plain text."u8, out _));
    }

    // What ffmpeg's WAV muxer writes on a pipe: unknown sizes as 0xFFFFFFFF.
    private static byte[] Header(int format, int channels, int rate, int bits, bool extraChunk)
    {
        var bytes = new List<byte>();
        bytes.AddRange("RIFF"u8.ToArray());
        bytes.AddRange(UInt32(uint.MaxValue));
        bytes.AddRange("WAVE"u8.ToArray());
        bytes.AddRange("fmt "u8.ToArray());
        bytes.AddRange(UInt32(16));
        bytes.AddRange(UInt16(format));
        bytes.AddRange(UInt16(channels));
        bytes.AddRange(UInt32((uint)rate));
        bytes.AddRange(UInt32((uint)(rate * channels * bits / 8)));
        bytes.AddRange(UInt16(channels * bits / 8));
        bytes.AddRange(UInt16(bits));
        if (extraChunk)
        {
            // An odd-sized chunk: padded to even on the wire.
            bytes.AddRange("LIST"u8.ToArray());
            bytes.AddRange(UInt32(5));
            bytes.AddRange("INFOx\0"u8.ToArray());
        }

        bytes.AddRange("data"u8.ToArray());
        bytes.AddRange(UInt32(uint.MaxValue));
        return bytes.ToArray();
    }

    private static byte[] UInt32(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }

    private static byte[] UInt16(int value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value);
        return b;
    }
}
