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
    /// <remarks>Null defaults (not array initialisers) because configuration binding appends to an existing array.</remarks>
    public int[]? RetryDelaysSeconds { get; set; }

    public int[] EffectiveRetryDelaysSeconds => RetryDelaysSeconds is { Length: > 0 } d ? d : [10, 60, 300];

    /// <summary>How often Hangfire checks whether a running job was deleted in the console, in seconds.</summary>
    public double CancellationCheckSeconds { get; set; } = 2;

    /// <summary>
    /// How often each server moves due delayed jobs (automatic retries waiting out their delay) to their queue, in
    /// seconds: a retry starts up to this long after its delay ends. Hangfire's own default is 15.
    /// </summary>
    public int SchedulePollSeconds { get; set; } = 15;

    /// <summary>How often idle workers look for new jobs, in milliseconds.</summary>
    public int QueuePollMilliseconds { get; set; } = 250;

    /// <summary>
    /// Queues this instance works on. Scale-out can dedicate instances: web-only (just "default"),
    /// media workers ("media"), GPU machines ("gpu"). Jobs are still enqueued to any queue from anywhere.
    /// </summary>
    /// <remarks>A comma-separated string, so one environment variable (Jobs__Queues=media) replaces the whole list.</remarks>
    public string Queues { get; set; } = string.Join(",", JobQueues.All);

    public string[] EffectiveQueues => Queues.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public int EffectiveMediaWorkers => MediaWorkers > 0 ? MediaWorkers : Environment.ProcessorCount;

    /// <summary>This instance's identity in <c>platform.instances</c>; empty = machine name + hash of the data directory.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>How often this instance writes its heartbeat (and renews its budget leases), in seconds.</summary>
    public double HeartbeatSeconds { get; set; } = 5;

    /// <summary>
    /// An instance without a heartbeat for this long is dead: any instance requeues its running jobs and its budget
    /// leases expire. The bound on reclaiming a dead instance's jobs is this plus one heartbeat.
    /// </summary>
    public double InstanceTimeoutSeconds { get; set; } = 30;

    public TimeSpan InstanceTimeout => TimeSpan.FromSeconds(InstanceTimeoutSeconds);
}
