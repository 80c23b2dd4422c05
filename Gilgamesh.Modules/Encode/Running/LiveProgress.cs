using System.Diagnostics;
using Gilgamesh.Modules.Encode.Catalog;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// The running encode's progress (0–1) passed on to the job, plus its speed in frames per second and the seconds
/// left, written to the file's catalog row at most every <see cref="WriteInterval"/> so the dashboard's queue shows
/// them from any instance. One write in flight at a time; a failed write is logged and the next report tries again.
/// </summary>
internal sealed class LiveProgress(Guid fileId, double durationSeconds, double? framesPerSecond, IProgress<double>? job, CatalogStore catalog,
    Control.EncodeMetrics metrics, ILogger logger) : IProgress<double>, IAsyncDisposable
{
    public static readonly TimeSpan WriteInterval = TimeSpan.FromMilliseconds(500);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private TimeSpan _lastWrite = TimeSpan.Zero; // the first write after WriteInterval: the first instants' speed is noise
    private Task _writing = Task.CompletedTask;

    public void Report(double value)
    {
        job?.Report(value);
        var elapsed = _clock.Elapsed;
        if (value <= 0 || elapsed.TotalSeconds <= 0) return;
        lock (_gate)
        {
            if (!_writing.IsCompleted || elapsed - _lastWrite < WriteInterval) return;
            _lastWrite = elapsed;
            var (fps, eta) = Speed(value, elapsed.TotalSeconds, durationSeconds, framesPerSecond);
            _writing = WriteAsync(value, fps, eta);
        }
    }

    /// <summary>Frames per second so far (from the media time done) and the seconds left at that rate.</summary>
    public static (double? Fps, double Eta) Speed(double fraction, double elapsedSeconds, double durationSeconds, double? framesPerSecond)
    {
        fraction = Math.Clamp(fraction, 1e-6, 1);
        double? fps = framesPerSecond is > 0 && durationSeconds > 0 ? fraction * durationSeconds * framesPerSecond.Value / elapsedSeconds : null;
        return (fps, elapsedSeconds * (1 - fraction) / fraction);
    }

    private async Task WriteAsync(double fraction, double? fps, double eta)
    {
        metrics.Speed(fileId, fps);
        try
        {
            await catalog.SetLiveAsync(fileId, fraction, fps is { } f ? Math.Round(f, 1) : null, Math.Round(eta, 1), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not record the live progress of file {FileId}", fileId);
        }
    }

    /// <summary>Waits for the write in flight, so a later status change is not overwritten by it.</summary>
    public async ValueTask DisposeAsync()
    {
        Task writing;
        lock (_gate) writing = _writing;
        await writing;
        metrics.Speed(fileId, null);
    }
}
