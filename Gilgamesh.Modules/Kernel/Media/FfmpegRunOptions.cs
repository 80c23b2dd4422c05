namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>How <see cref="FfmpegRunner"/> runs one command.</summary>
/// <param name="ExpectedDurationSeconds">Length of the output in seconds; percent = output time / this. Null or 0: only 100 at the end is reported.</param>
/// <param name="Progress">Receives percent 0–100, increasing, called synchronously in order from one reader (so a plain <see cref="IProgress{T}"/> sees a monotonic series; <see cref="Progress{T}"/> may reorder because it posts to the thread pool).</param>
/// <param name="WorkingDirectory">Working directory for relative paths (e.g. a concat list), null: current.</param>
/// <param name="OnStarted">Called with the process id right after start (logging, and tests that check the process is gone).</param>
internal sealed record FfmpegRunOptions(
    double? ExpectedDurationSeconds = null,
    IProgress<double>? Progress = null,
    string? WorkingDirectory = null,
    Action<int>? OnStarted = null);
