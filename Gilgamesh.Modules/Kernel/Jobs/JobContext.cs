using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>What a handler gets for one run: the job's identity and input, progress reporting and its logger.</summary>
public sealed class JobContext
{
    internal JobContext(JobRecord job, JobProgress progress, ILogger logger)
    {
        Job = job;
        Progress = progress;
        Logger = logger;
    }

    public JobRecord Job { get; }
    public Guid JobId => Job.Id;
    public JobProgress Progress { get; }
    public ILogger Logger { get; }

    /// <summary>Set by the handler; stored as the job's <c>result</c> JSON when it succeeds.</summary>
    public object? Result { get; set; }

    public T GetInput<T>() =>
        Job.Input.Deserialize<T>(JobJson.Options) ?? throw new InvalidOperationException($"Job {Job.Id} has no input of type {typeof(T).Name}");
}

internal static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
