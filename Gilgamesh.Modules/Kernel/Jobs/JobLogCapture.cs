using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// Copies what the app's own code logs while a job runs (its async flow: the handler, FfmpegRunner with its
/// arguments, engines) into that job's log, so every job kind's log tells what it ran without each handler
/// writing it twice. Information and above, Gilgamesh categories only.
/// </summary>
internal sealed class JobLogCapture : ILoggerProvider
{
    private static readonly AsyncLocal<JobProgress?> Current = new();

    public static IDisposable Begin(JobProgress progress)
    {
        var previous = Current.Value;
        Current.Value = progress;
        return new Restore(previous);
    }

    /// <summary>Writes a line to the log of the job running in this async flow, if any (e.g. a helper program's command line).</summary>
    public static void Note(string message, string level = "info") => Current.Value?.Log(message, level);

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Gilgamesh", StringComparison.Ordinal) ? new CaptureLogger() : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Restore(JobProgress? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    private sealed class CaptureLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && Current.Value is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || Current.Value is not { } progress) return;
            var message = formatter(state, exception);
            if (exception is not null && !message.Contains(exception.Message, StringComparison.Ordinal)) message += ": " + exception.Message;
            progress.Log(message, logLevel switch
            {
                LogLevel.Information => "info",
                LogLevel.Warning => "warning",
                _ => "error",
            });
        }
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => false;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
    }
}
