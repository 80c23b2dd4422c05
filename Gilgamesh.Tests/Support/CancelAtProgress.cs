using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.Tests.Support;

/// <summary>
/// Cancels an analysis from inside it, once its progress passes a fraction (so the decoder is certainly running),
/// and times from that cancel to the engine's return.
/// </summary>
internal sealed class CancelAtProgress(double fraction) : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly System.Diagnostics.Stopwatch _sinceCancel = new();

    public CancellationToken Token => _cancel.Token;

    public bool Cancelled => _cancel.IsCancellationRequested;

    /// <summary>Time since the cancel; call <see cref="Stop"/> when the engine has returned.</summary>
    public TimeSpan SinceCancel => _sinceCancel.Elapsed;

    public IProgress<double> Progress => new InlineProgress(p =>
    {
        if (p <= fraction || _cancel.IsCancellationRequested) return;
        _sinceCancel.Start();
        _cancel.Cancel();
    });

    public void Stop() => _sinceCancel.Stop();

    public void Dispose() => _cancel.Dispose();
}
