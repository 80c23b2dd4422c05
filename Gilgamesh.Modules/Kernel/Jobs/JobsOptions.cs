namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Configuration section <c>Jobs</c>: Hangfire workers per queue and automatic retries.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Workers for the <c>default</c> queue (light, I/O-bound jobs).</summary>
    public int DefaultWorkers { get; set; } = 4;

    /// <summary>Workers for the CPU-heavy <c>media</c> queue; 0 = one per core.</summary>
    public int MediaWorkers { get; set; }

    /// <summary>Workers for the <c>gpu</c> queue; 0 = no gpu worker on this instance.</summary>
    public int GpuWorkers { get; set; } = 1;

    /// <summary>Automatic retries after a transient failure (bad input fails at once instead).</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Delay before each retry, in seconds; the last value repeats.</summary>
    public int[] RetryDelaysSeconds { get; set; } = [10, 60, 300];

    /// <summary>How often Hangfire checks whether a running job was deleted in the console, in seconds.</summary>
    public double CancellationCheckSeconds { get; set; } = 2;

    /// <summary>How often idle workers look for new jobs, in milliseconds.</summary>
    public int QueuePollMilliseconds { get; set; } = 250;

    public int EffectiveMediaWorkers => MediaWorkers > 0 ? MediaWorkers : Environment.ProcessorCount;
}
