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
    /// <summary>Readable name, e.g. "scenes + OCR · lecture.mp4".</summary>
    public string? Title { get; init; }
    /// <summary>Dashboard link to what the job works on (e.g. <c>#/media/{id}</c>).</summary>
    public string? SubjectHref { get; init; }
    /// <summary>The pipeline this job is a step of.</summary>
    public Guid? ParentId { get; init; }
    public string? StepName { get; init; }
    public bool IsPipeline { get; init; }
    public bool Optional { get; init; }
    public double Weight { get; init; } = 1;
    public int PendingDeps { get; init; }
    public string? FanGroup { get; init; }
    /// <summary>The instance running it (while running).</summary>
    public string? InstanceId { get; init; }
    /// <summary>The owner's user name (filled by reads that join it).</summary>
    public string? OwnerName { get; init; }

    /// <summary>What lists and the Hangfire console show.</summary>
    public string DisplayName => Title ?? (StepName is not null ? $"{StepName} ({Module}/{Kind})" : $"{Module}/{Kind}");
}

/// <summary>One log line of a job; <see cref="At"/> is UTC.</summary>
public sealed record JobLogLine(DateTime At, string Level, string Message);

public sealed record JobDetail(JobRecord Job, IReadOnlyList<JobLogLine> Logs);

public sealed record JobPage(IReadOnlyList<JobRecord> Items, int Page, int PageSize, long Total);

/// <summary>One step of a pipeline as the API shows it, with its dependencies' step names.</summary>
public sealed record JobStep(JobRecord Job, IReadOnlyList<string> DependsOn);

public static class JobQueues
{
    public const string Default = "default";
    /// <summary>CPU-heavy media work (ffmpeg, analysis); as many workers as cores by default.</summary>
    public const string Media = "media";
    /// <summary>GPU work; a small worker count so jobs don't fight over the device.</summary>
    public const string Gpu = "gpu";

    public static readonly string[] All = [Default, Media, Gpu];
}
