using System.Diagnostics;
using System.Text;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// One running ffmpeg/ffprobe process with all three standard streams redirected: stdout for the
/// caller (progress or raw samples), stderr drained into a <see cref="StderrTail"/>, stdin kept open
/// so a graceful stop can send <c>q</c>. Disposing guarantees the process is gone.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _stderrPump;
    private bool _disposed;

    private FfmpegProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _stderrPump = PumpStderrAsync();
    }

    public int Id => _process.Id;

    /// <summary>Executable and arguments as one line, for error messages and logs.</summary>
    public string CommandLine { get; }

    public StderrTail StderrTail { get; } = new();

    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    public StreamReader StandardOutputReader => _process.StandardOutput;

    /// <summary>
    /// Starts <paramref name="executable"/>. <paramref name="arguments"/> is one string quoted the way
    /// FFMpegCore quotes (paths in double quotes); .NET splits it with the same rules on every OS,
    /// so paths with spaces survive.
    /// </summary>
    public static FfmpegProcess Start(string executable, string arguments, string? workingDirectory = null)
    {
        Jobs.JobLogCapture.Note($"{Path.GetFileName(executable)} {arguments}");
        var startInfo = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? "",
        };
        var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"could not start {executable}");
        return new FfmpegProcess(process, $"\"{executable}\" {arguments}");
    }

    /// <summary>Waits for exit and for stderr to be fully drained, so the tail is complete.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>
    /// Asks ffmpeg to stop the way a terminal user would (<c>q</c> on stdin, which lets it finalise
    /// the output), then kills the process tree if it has not exited within <paramref name="grace"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited())
        {
            return;
        }

        try
        {
            await _process.StandardInput.WriteAsync("q\n").ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // stdin already closed: the process is on its way out or ignores input; the kill below covers it.
        }

        using var graceTimeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(graceTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>
    /// Kills the process tree the moment <paramref name="cancellationToken"/> is cancelled, synchronously on the
    /// cancelling thread (no thread-pool hop, so a busy machine cannot delay it). Dispose the result once the
    /// process has exited.
    /// </summary>
    /// <summary>
    /// Waits for ffmpeg to end — killed at once on cancellation — then for <paramref name="outputPump"/>, the reader
    /// of its stdout; a non-zero exit throws <see cref="FfmpegException"/> with the command line and stderr's tail.
    /// </summary>
    public async Task EndAsync(Task outputPump, CancellationToken cancellationToken)
    {
        int exitCode;
        try
        {
            using (KillOnCancel(cancellationToken))
                exitCode = await WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw new OperationCanceledException("ffmpeg was cancelled", cancellationToken);
        }
        finally
        {
            await outputPump.ConfigureAwait(false);
        }

        if (exitCode != 0)
        {
            throw new FfmpegException(CommandLine, exitCode, StderrTail.ToString());
        }
    }

    public CancellationTokenRegistration KillOnCancel(CancellationToken cancellationToken) =>
        cancellationToken.UnsafeRegister(static state => ((FfmpegProcess)state!).Kill(), this);

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited between the check and the signal.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!HasExited())
        {
            Kill();
        }

        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        _process.Dispose();
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    StderrTail.Add(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke because the process was killed; the tail keeps what arrived.
        }
    }
}
