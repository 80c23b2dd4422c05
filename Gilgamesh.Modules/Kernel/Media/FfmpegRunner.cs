namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Runs one ffmpeg command (arguments from the pure builders) to completion with progress and
/// cancellation. stdout is reserved for <c>-progress</c>, so commands must write to files, not pipe:1.
/// </summary>
internal sealed class FfmpegRunner(MediaToolLocator locator)
{
    /// <summary>
    /// How long ffmpeg gets to finish after <c>q</c> before its process tree is killed. A cancelled run's output is
    /// discarded, and several encoders flushing their lookahead on a busy machine can take seconds, so the grace is
    /// short: a cancelled step's ffmpeg is gone within ~1 s (pipelines promise 2 s).
    /// </summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    // No -nostdin: cancellation sends "q" on stdin. -nostats keeps the stderr tail free of status lines;
    // progress comes machine-readable on stdout instead of parsing "time=" from stderr.
    private const string GlobalArguments = "-hide_banner -nostats -loglevel warning -progress pipe:1";

    public async Task RunAsync(string arguments, FfmpegRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FfmpegRunOptions();
        cancellationToken.ThrowIfCancellationRequested();

        await using var process = FfmpegProcess.Start(locator.FfmpegPath, $"{GlobalArguments} {arguments}", options.WorkingDirectory);
        options.OnStarted?.Invoke(process.Id);
        var tracker = new FfmpegProgressTracker(options.ExpectedDurationSeconds, options.Progress);
        var progressPump = PumpProgressAsync(process.StandardOutputReader, tracker);

        int exitCode;
        try
        {
            exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await process.StopAsync(StopGrace).ConfigureAwait(false);
            await process.DisposeAsync().ConfigureAwait(false);
            throw new OperationCanceledException("ffmpeg was cancelled", cancellationToken);
        }
        finally
        {
            await progressPump.ConfigureAwait(false);
        }

        if (exitCode != 0)
        {
            throw new FfmpegException(process.CommandLine, exitCode, process.StderrTail.ToString());
        }

        tracker.Complete();
    }

    private static async Task PumpProgressAsync(StreamReader stdout, FfmpegProgressTracker tracker)
    {
        try
        {
            while (await stdout.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                tracker.OnLine(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Pipe closed by a kill; progress simply stops.
        }
    }
}
