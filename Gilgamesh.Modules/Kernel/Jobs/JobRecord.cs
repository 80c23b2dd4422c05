using System.Text.Json;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>A job as users and the API see it (row of <c>platform.jobs</c>).</summary>
public sealed record JobRecord
{
    public Guid Id { get; init; }
    public string Module { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? OwnerId { get; init; }
    public JsonElement Input { get; init; }
    public string Queue { get; init; } = JobQueues.Default;
    public string Status { get; init; } = JobStatus.Queued;
    public string? Stage { get; init; }
    public double Percent { get; init; }
    public int? EtaSeconds { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public JsonElement? Result { get; init; }
    public string? HangfireJobId { get; init; }
    public int Attempts { get; init; }
    public bool CancelRequested { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One log line of a job; <see cref="At"/> is UTC.</summary>
public sealed record JobLogLine(DateTime At, string Level, string Message);

public sealed record JobDetail(JobRecord Job, IReadOnlyList<JobLogLine> Logs);

public sealed record JobPage(IReadOnlyList<JobRecord> Items, int Page, int PageSize, long Total);

/// <summary>What a module asks the kernel to run.</summary>
/// <param name="Module">The module that owns the job (and the handler).</param>
/// <param name="Kind">The handler's kind within the module.</param>
/// <param name="Input">Small JSON-serialisable input: ids and options, never media payloads.</param>
/// <param name="OwnerId">The user the job belongs to, when known.</param>
/// <param name="Queue">One of <see cref="JobQueues"/>.</param>
public sealed record JobRequest(string Module, string Kind, object? Input, string? OwnerId = null, string Queue = JobQueues.Default);

public static class JobQueues
{
    public const string Default = "default";
    /// <summary>CPU-heavy media work (ffmpeg, analysis); as many workers as cores by default.</summary>
    public const string Media = "media";
    /// <summary>GPU work; a small worker count so jobs don't fight over the device.</summary>
    public const string Gpu = "gpu";

    public static readonly string[] All = [Default, Media, Gpu];
}
