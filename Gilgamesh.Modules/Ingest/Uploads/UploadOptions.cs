namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>Configuration section <c>Ingest:Uploads</c>.</summary>
internal sealed class UploadOptions
{
    public const string Section = "Ingest:Uploads";

    /// <summary>Largest file accepted by either upload path, in bytes (default 20 GiB).</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>Chunk size of resumable sessions when the client does not choose one.</summary>
    public long DefaultChunkBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Smallest and largest chunk size a client may choose (the last chunk may be smaller).</summary>
    public long MinChunkBytes { get; set; } = 256L * 1024;
    public long MaxChunkBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>An unfinished session (and its data) is removed this long after its last chunk arrived.</summary>
    public int SessionTimeoutMinutes { get; set; } = 24 * 60;

    /// <summary>When the cleanup of expired sessions runs (Hangfire cron).</summary>
    public string CleanupCron { get; set; } = "*/15 * * * *";

    /// <summary>
    /// How often an instance looks for completions interrupted by a crash of another instance (its own are recovered at
    /// start); the bound on how long such a session stays <c>completing</c>.
    /// </summary>
    public int RecoveryIntervalSeconds { get; set; } = 15;

    public TimeSpan SessionTimeout => TimeSpan.FromMinutes(Math.Max(1, SessionTimeoutMinutes));
}
