namespace Gilgamesh.Modules.Kernel.Jobs;

public static class JobStatus
{
    /// <summary>A pipeline step waiting for its dependencies (or for a free place in its fan-out group).</summary>
    public const string Pending = "pending";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Pending, Queued, Running, Succeeded, Failed, Cancelled };

    public static bool IsTerminal(string status) => status is Succeeded or Failed or Cancelled;
}
