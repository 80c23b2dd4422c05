namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Raw frames from one running ffmpeg decoder, read one at a time. <see cref="Read"/> blocks: meant for
/// a CPU-bound loop on its own thread at full frame rate, where an awaited pipe read per frame costs more
/// than the analysis (measured: 2.0 s of CPU for 15,000 small frames awaited, 0.3 s read blocking — each
/// await goes through the socket engine and a thread-pool hop). <see cref="ReadAsync"/> suits a few frames
/// per second. Cancellation kills ffmpeg, which ends the stream; <see cref="CompleteAsync"/> then throws.
/// </summary>
internal sealed class FrameReader : IAsyncDisposable
{
    private readonly FfmpegProcess _process;
    private readonly CancellationTokenRegistration _killOnCancel;
    private readonly CancellationToken _cancellationToken;
    private readonly int _frameBytes;
    private readonly double _fps;
    private readonly byte[]? _shared;
    private int _index;

    public FrameReader(FfmpegProcess process, FrameRequest request, int width, int height, CancellationToken cancellationToken)
    {
        _process = process;
        _cancellationToken = cancellationToken;
        _killOnCancel = cancellationToken.Register(process.Kill);
        Width = width;
        Height = height;
        _fps = request.Fps;
        _frameBytes = width * height * request.BytesPerPixel;
        _shared = request.ReuseBuffer ? new byte[_frameBytes] : null;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The next frame, or null at the end of the stream (a partial frame only happens when ffmpeg died; <see cref="CompleteAsync"/> says so).</summary>
    public VideoFrame? Read()
    {
        var pixels = _shared ?? new byte[_frameBytes];
        return Frame(pixels, _process.StandardOutput.ReadAtLeast(pixels, _frameBytes, throwOnEndOfStream: false));
    }

    public async ValueTask<VideoFrame?> ReadAsync()
    {
        var pixels = _shared ?? new byte[_frameBytes];
        return Frame(pixels, await _process.StandardOutput.ReadAtLeastAsync(pixels, _frameBytes, throwOnEndOfStream: false, _cancellationToken).ConfigureAwait(false));
    }

    /// <summary>After the last frame: waits for ffmpeg to exit; throws when cancelled or when ffmpeg failed.</summary>
    public async Task CompleteAsync()
    {
        var exitCode = await _process.WaitForExitAsync(_cancellationToken).ConfigureAwait(false);
        _cancellationToken.ThrowIfCancellationRequested();
        if (exitCode != 0)
        {
            throw new FfmpegException(_process.CommandLine, exitCode, _process.StderrTail.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _killOnCancel.DisposeAsync().ConfigureAwait(false);
        await _process.DisposeAsync().ConfigureAwait(false);
    }

    private VideoFrame? Frame(byte[] pixels, int read)
    {
        if (read < _frameBytes)
        {
            return null;
        }

        var index = _index++;
        return new VideoFrame(index, index / _fps, Width, Height, pixels);
    }
}
