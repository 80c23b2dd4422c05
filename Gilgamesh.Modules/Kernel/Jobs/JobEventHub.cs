using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>One job event as it came from PostgreSQL: its type and the JSON payload sent to clients unchanged.</summary>
/// <remarks>A pipeline step's events carry <see cref="ParentId"/>: the pipeline's subscribers get them too (live step bars).</remarks>
public sealed record JobEvent(Guid JobId, string Type, string Json, string? Status, Guid? ParentId = null)
{
    public bool IsTerminal => Status is not null && JobStatus.IsTerminal(Status);

    /// <summary>Parses a NOTIFY payload of channel <c>gilgamesh_job_events</c>; null when it is not one of ours.</summary>
    public static JobEvent? Parse(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString();
        return type switch
        {
            "progress" => new JobEvent(root.GetProperty("job").GetProperty("id").GetGuid(), type, payload,
                root.GetProperty("job").GetProperty("status").GetString(), ParentOf(root.GetProperty("job"))),
            "log" => new JobEvent(root.GetProperty("jobId").GetGuid(), type, payload, null, ParentOf(root)),
            _ => null,
        };
    }

    private static Guid? ParentOf(JsonElement element) =>
        element.TryGetProperty("parentId", out var parent) && parent.ValueKind == JsonValueKind.String ? parent.GetGuid() : null;
}

/// <summary>In-process fan-out of job events to the WebSocket and SSE clients connected to this instance.</summary>
public sealed class JobEventHub
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<JobEvent>, byte>> _subscribers = new();

    public JobSubscription Subscribe(Guid jobId)
    {
        // Bounded so a stalled client cannot grow memory; it only ever needs the newest progress.
        var channel = Channel.CreateBounded<JobEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _subscribers.GetOrAdd(jobId, _ => new()).TryAdd(channel, 0);
        return new JobSubscription(channel.Reader, () =>
        {
            if (_subscribers.TryGetValue(jobId, out var set)) set.TryRemove(channel, out _);
        });
    }

    public void Publish(JobEvent jobEvent)
    {
        if (_subscribers.TryGetValue(jobEvent.JobId, out var set))
            foreach (var channel in set.Keys) channel.Writer.TryWrite(jobEvent);
        if (jobEvent.ParentId is { } parent && _subscribers.TryGetValue(parent, out var pipeline))
            foreach (var channel in pipeline.Keys) channel.Writer.TryWrite(jobEvent);
    }

    public int SubscriberCount => _subscribers.Values.Sum(s => s.Count);
}

public sealed class JobSubscription(ChannelReader<JobEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<JobEvent> Reader { get; } = reader;
    public void Dispose() => unsubscribe();
}
