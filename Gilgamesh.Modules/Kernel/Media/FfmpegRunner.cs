namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Runs one ffmpeg command (arguments from the pure builders) to completion with progress on the 0–1 scale
/// and cancellation. stdout is reserved for <c>-progress</c>, so commands must write to files, not pipe:1.
/// </summary>
/// <remarks>
/// Cancellation kills the process tree from inside the token's callback, on the thread that cancels (the job's
/// cancel NOTIFY, a user's request): a cancelled run's output is discarded, so there is nothing for a graceful
/// <c>q</c> to finalise, and waiting for encoders to flush their lookahead (or for a thread-pool continuation on a
/// busy machine) is what made a cancelled step's ffmpeg outlive the pipelines' 2-s promise.
/// </remarks>
internal sealed class FfmpegRunner(MediaToolLocator locator)
{

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

        await process.EndAsync(progressPump, cancellationToken).ConfigureAwait(false);

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
