using System.Globalization;

namespace Gilgamesh.Modules.Kernel.Media.Render;

/// <summary>
/// Runs one render command with progress on the 0–1 scale (the kit's convention) and cancellation
/// (the process tree killed at once from the token's callback, as <see cref="FfmpegRunner"/> does).
/// Separate from <see cref="FfmpegRunner"/> because measuring passes (loudnorm, ebur128) need ffmpeg's
/// info-level report back, which only the stderr tail carries.
/// </summary>
internal sealed class RenderRunner(MediaToolLocator locator)
{
    /// <param name="expectedSeconds">Output length, for progress (out_time / this); null: only 1 at the end.</param>
    /// <param name="logLevel">ffmpeg's -loglevel; <c>info</c> for passes whose result ffmpeg prints.</param>
    /// <param name="workingDirectory">For commands that name files relatively (filter arguments that would need escaping).</param>
    /// <returns>The stderr tail (the last <see cref="StderrTail.MaxLines"/> lines).</returns>
    public async Task<string> RunAsync(string arguments, double? expectedSeconds, IProgress<double>? progress,
        CancellationToken cancellationToken, string logLevel = "warning", string? workingDirectory = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EncoderName.Require(logLevel, nameof(logLevel));
        await using var process = FfmpegProcess.Start(locator.FfmpegPath,
            $"-hide_banner -nostats -loglevel {logLevel} -progress pipe:1 {arguments}", workingDirectory);
        var last = 0.0;
        var pump = Task.Run(async () =>
        {
            try
            {
                while (await process.StandardOutputReader.ReadLineAsync().ConfigureAwait(false) is { } line)
                {
                    if (expectedSeconds is > 0 && line.StartsWith("out_time_us=", StringComparison.Ordinal)
                        && long.TryParse(line.AsSpan(12), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us))
                    {
                        var fraction = Math.Clamp(us / 1e6 / expectedSeconds.Value, 0, 1);
                        if (fraction > last)
                        {
                            last = fraction;
                            progress?.Report(fraction);
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The pipe closed under a kill: progress simply stops.
            }
        }, CancellationToken.None);

        await process.EndAsync(pump, cancellationToken).ConfigureAwait(false);

        if (last < 1)
        {
            progress?.Report(1);
        }

        return process.StderrTail.ToString();
    }
}
