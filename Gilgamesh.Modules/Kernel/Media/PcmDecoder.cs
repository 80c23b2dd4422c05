using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Streams a file's first audio stream as mono float PCM in chunks, so memory stays flat however long
/// the file is. A file without audio yields nothing. ffmpeg starts at once; only when it fails before
/// producing a sample does ffprobe say why (no audio stream: empty; not media: unreadable), which is clearer
/// than matching ffmpeg's error text. Probing every file first cost a second process start per decode
/// (≈ 0.1 s of CPU, and more wall time than the decode itself on a busy machine).
/// </summary>
internal sealed class PcmDecoder(MediaToolLocator locator, MediaProbe probe)
{
    /// <summary>Samples per chunk (0.5 s at 16 kHz); each chunk is a fresh array the caller may keep.</summary>
    public const int ChunkSamples = 8192;

    public async IAsyncEnumerable<float[]> DecodeAsync(string path, int sampleRate, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 384_000);

        await using var process = FfmpegProcess.Start(locator.FfmpegPath, $"{DecoderArguments.Global} {DecoderArguments.Pcm(path, sampleRate)}");
        // Killing closes stdout, which ends the read below; pipe reads do not observe tokens on every OS.
        using var killOnCancel = cancellationToken.Register(process.Kill);
        var buffer = new byte[ChunkSamples * sizeof(float)];
        long produced = 0;
        while (true)
        {
            var read = await process.StandardOutput.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var samples = read / sizeof(float);
            if (samples > 0)
            {
                produced += samples;
                // f32le matches the memory layout on every little-endian host .NET runs on.
                yield return MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, samples * sizeof(float))).ToArray();
            }

            if (read < buffer.Length)
            {
                break;
            }
        }

        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exitCode != 0)
        {
            // Throws media.unreadable for a missing or non-media file.
            if (produced == 0 && (await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false)).PrimaryAudio is null)
            {
                yield break;
            }

            throw new FfmpegException(process.CommandLine, exitCode, process.StderrTail.ToString());
        }
    }
}
