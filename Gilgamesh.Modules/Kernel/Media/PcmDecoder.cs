using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Streams a file's first audio stream as mono PCM in chunks, so memory stays flat however long the
/// file is. <see cref="DecodeAsync"/> (float chunks the caller may keep) starts ffmpeg at once and probes
/// only when it fails before the first sample, so a file without audio yields nothing (clearer than
/// matching ffmpeg's error text);
/// <see cref="DecodeInt16Async"/> is the lean path: no probe, no resampler where avoidable, no copies,
/// and no ffmpeg at all for a 16-bit mono PCM WAV file already at an asked rate.
/// </summary>
internal sealed class PcmDecoder(MediaToolLocator locator, MediaProbe probe)
{
    /// <summary>Samples per chunk (0.5 s at 16 kHz); each chunk is a fresh array the caller may keep.</summary>
    public const int ChunkSamples = 8192;

    /// <summary>
    /// Samples per <see cref="DecodeInt16Async"/> chunk: 64 KB, a whole default Linux pipe, so one chunk
    /// takes what ffmpeg's two 32 KB writes put there.
    /// </summary>
    public const int Int16ChunkSamples = 32768;

    public async IAsyncEnumerable<float[]> DecodeAsync(string path, int sampleRate, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RequireRate(sampleRate);
        await using var chunks = ReadAsync(DecoderArguments.Pcm(path, sampleRate), ChunkSamples * sizeof(float), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        var produced = false;
        while (true)
        {
            ReadOnlyMemory<byte> bytes;
            try
            {
                if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                bytes = chunks.Current;
            }
            catch (FfmpegException) when (!produced)
            {
                // Only now ask ffprobe why: no audio stream is an empty result; not media throws
                // media.unreadable from the probe. Probing every file first cost a second process start.
                var info = await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
                if (info.PrimaryAudio is null)
                {
                    yield break;
                }

                throw;
            }

            // f32le matches the memory layout on every little-endian host .NET runs on.
            var samples = MemoryMarshal.Cast<byte, float>(bytes.Span);
            if (samples.Length > 0)
            {
                produced = true;
                yield return samples.ToArray();
            }
        }
    }

    /// <summary>
    /// Mono signed 16-bit samples at whichever of <paramref name="sampleRates"/> is nearest the source's
    /// rate (list the source's likely rates to skip resampling; one rate to force it), handed to
    /// <paramref name="sink"/> straight from one reused read buffer: no per-chunk allocation, half the
    /// pipe bytes of float, and no probe: ffmpeg's WAV header says the rate. A file without audio or
    /// not readable as media makes ffmpeg fail before <see cref="IPcmInt16Sink.Begin"/> with
    /// <see cref="FfmpegException"/>; a caller that needs to tell those apart probes then. The sink is
    /// called on the reading thread. Cancelling kills ffmpeg (or stops the direct read).
    /// </summary>
    /// <param name="range">Only this part of the file (never read directly from a WAV: ffmpeg trims it).</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068",
        Justification = "The range is an optional extra most callers leave out; the token stays beside the sink.")]
    public async Task DecodeInt16Async(string path, IReadOnlyList<int> sampleRates, IPcmInt16Sink sink, CancellationToken cancellationToken = default, PcmRange? range = null)
    {
        foreach (var rate in sampleRates)
        {
            RequireRate(rate);
        }

        if (range is null && DirectLayout(path, sampleRates) is { } wav)
        {
            // Already the stream asked for: ffmpeg would hand over the very same samples.
            await Task.Factory.StartNew(() => ReadPcmWavBlocking(path, wav, sink, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
            return;
        }

        await using var process = FfmpegProcess.Start(locator.FfmpegPath, $"{DecoderArguments.Global} {DecoderArguments.PcmInt16Wav(path, sampleRates, range)}");
        // Killing closes stdout, which ends the blocking read below.
        using var killOnCancel = cancellationToken.Register(process.Kill);
        // Blocking reads on a thread of their own: an async pipe read costs an epoll wake-up and a
        // thread-pool hop per chunk, and the pool's idle spinning between chunks cost more CPU than the
        // envelope itself (measured: ~0.1 s per hour of audio).
        bool started;
        try
        {
            started = await Task.Factory.StartNew(() => ReadWavBlocking(process.StandardOutput, sink), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new GilgameshException(ErrorCodes.FfmpegFailed, $"ffmpeg's output is not the WAV asked for ({e.Message}): {process.CommandLine}", 422, e);
        }

        if (!started)
        {
            // Normally ffmpeg has failed already; if not, it must not be left blocked on a pipe nobody reads.
            process.Kill();
        }

        await ThrowIfFailedAsync(process, cancellationToken).ConfigureAwait(false);
        if (!started)
        {
            throw new GilgameshException(ErrorCodes.FfmpegFailed, $"ffmpeg wrote no WAV header: {process.CommandLine}", 422);
        }
    }

    /// <summary>
    /// Whether a 16-bit mono PCM WAV file at one of the asked rates is read from disk without ffmpeg
    /// (<see cref="PcmWavLayout"/>). Tests turn it off to compare both paths.
    /// </summary>
    public bool ReadsPcmWavDirectly { get; init; } = true;

    /// <summary>Whether <see cref="DecodeInt16Async"/> would read <paramref name="path"/> from disk without ffmpeg.</summary>
    public bool ReadsDirectly(string path, IReadOnlyList<int> sampleRates) => DirectLayout(path, sampleRates) is not null;

    private PcmWavLayout? DirectLayout(string path, IReadOnlyList<int> sampleRates) =>
        ReadsPcmWavDirectly && PcmWavLayout.TryRead(path) is { } wav && sampleRates.Contains(wav.SampleRate) ? wav : null;

    private static void ReadPcmWavBlocking(string path, PcmWavLayout wav, IPcmInt16Sink sink, CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buffer = new byte[Int16ChunkSamples * sizeof(short)];
        sink.Begin(wav.SampleRate);
        var offset = wav.DataOffset;
        // A trailing odd byte is half a sample: dropped, as ffmpeg does.
        var end = wav.DataOffset + (wav.DataBytes & ~1L);
        while (offset < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var want = (int)Math.Min(buffer.Length, end - offset);
            var filled = 0;
            while (filled < want)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(filled, want - filled), offset + filled);
                if (read == 0)
                {
                    // The file shrank since its layout was read: deliver what is there.
                    end = offset + filled;
                    break;
                }

                filled += read;
            }

            filled &= ~1;
            if (filled > 0)
            {
                sink.Add(MemoryMarshal.Cast<byte, short>(buffer.AsSpan(0, filled)));
            }

            offset += filled;
            if (filled == 0)
            {
                break;
            }
        }
    }

    /// <returns>Whether the header arrived (and <see cref="IPcmInt16Sink.Begin"/> was called).</returns>
    private static bool ReadWavBlocking(Stream output, IPcmInt16Sink sink)
    {
        var buffer = new byte[Int16ChunkSamples * sizeof(short)];
        var started = false;
        while (true)
        {
            var read = output.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var bytes = buffer.AsSpan(0, read);
            if (!started)
            {
                // A full buffer always holds the 44-byte header; a short one that does not is a failed run.
                if (!WavStreamHeader.TryParse(bytes, out var header))
                {
                    return false;
                }

                sink.Begin(header.SampleRate);
                started = true;
                bytes = bytes[header.DataOffset..];
            }

            // Every chunk but the last is an even number of bytes after the (even) header, so no sample
            // straddles two reads; a trailing odd byte of a cut-off stream is dropped.
            var samples = MemoryMarshal.Cast<byte, short>(bytes);
            if (samples.Length > 0)
            {
                sink.Add(samples);
            }

            if (read < buffer.Length)
            {
                return true;
            }
        }
    }

    private static void RequireRate(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 384_000);
    }

    /// <summary>
    /// Runs ffmpeg and yields its stdout in full buffers of <paramref name="bufferBytes"/> (the last one
    /// shorter); each chunk is only valid until the next is requested. Callers drop a trailing partial sample.
    /// </summary>
    private async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(string decoderArguments, int bufferBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var process = FfmpegProcess.Start(locator.FfmpegPath, $"{DecoderArguments.Global} {decoderArguments}");
        // Killing closes stdout, which ends the read below; pipe reads do not observe tokens on every OS.
        using var killOnCancel = cancellationToken.Register(process.Kill);
        var buffer = new byte[bufferBytes];
        while (true)
        {
            var read = await process.StandardOutput.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                yield return buffer.AsMemory(0, read);
            }

            if (read < buffer.Length)
            {
                break;
            }
        }

        await ThrowIfFailedAsync(process, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ThrowIfFailedAsync(FfmpegProcess process, CancellationToken cancellationToken)
    {
        var exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exitCode != 0)
        {
            throw new FfmpegException(process.CommandLine, exitCode, process.StderrTail.ToString());
        }
    }
}
