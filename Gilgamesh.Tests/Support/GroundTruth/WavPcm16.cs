namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>Minimal mono 16-bit PCM WAV reading and streaming writing (enough for generated ground truth).</summary>
internal static class WavPcm16
{
    public static float[] Read(string path, out int sampleRate)
    {
        var bytes = File.ReadAllBytes(path);
        sampleRate = BitConverter.ToInt32(bytes, 24);
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BitConverter.ToInt32(bytes, offset + 4);
            if (id == "data")
            {
                // espeak-ng streams to the file and may leave the size as 0 or 0x7fffffff: use what is there.
                var available = Math.Min(bytes.Length - offset - 8, size <= 0 ? int.MaxValue : size);
                var samples = new float[available / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BitConverter.ToInt16(bytes, offset + 8 + 2 * i) / 32768f;
                return samples;
            }
            offset += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"no data chunk in {path}");
    }

    public static void Write(string path, int sampleRate, long sampleCount, Func<long, float> sampleAt)
    {
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        using var w = new BinaryWriter(stream);
        var dataBytes = sampleCount * 2;
        w.Write("RIFF"u8); w.Write((uint)Math.Min(uint.MaxValue, 36 + dataBytes)); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(sampleRate); w.Write(sampleRate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write((uint)Math.Min(uint.MaxValue, dataBytes));
        for (long i = 0; i < sampleCount; i++)
        {
            w.Write((short)Math.Clamp(MathF.Round(sampleAt(i) * 32767f), -32768, 32767));
        }
    }
}
