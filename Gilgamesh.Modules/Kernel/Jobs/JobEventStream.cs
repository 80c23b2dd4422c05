using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// The live feed of one job for WebSocket and SSE clients: a snapshot first, then every event, ending
/// after a terminal status. If notifications go quiet it re-reads the row, so a dropped LISTEN
/// connection can delay an update but never lose the end of a job.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711",
    Justification = "It is a server-sent event stream, which is what the name says; it is not a System.IO.Stream.")]
public sealed class JobEventStream(JobEventHub hub, JobStore store)
{
    private static readonly TimeSpan QuietRecheck = TimeSpan.FromSeconds(3);

    public async IAsyncEnumerable<(string Type, string Json)> ReadAsync(Guid jobId, [EnumeratorCancellation] CancellationToken ct)
    {
        // Subscribe before the snapshot so nothing between the two is missed.
        using var subscription = hub.Subscribe(jobId);
        var snapshot = await store.GetAsync(jobId, ct);
        if (snapshot is null) yield break;
        yield return ("progress", JobProgressMessage.FromRecord(snapshot));
        if (JobStatus.IsTerminal(snapshot.Status)) yield break;

        var lastUpdate = snapshot.UpdatedAt;
        while (!ct.IsCancellationRequested)
        {
            JobEvent? next = null;
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                quiet.CancelAfter(QuietRecheck);
                try
                {
                    next = await subscription.Reader.ReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                catch (ChannelClosedException)
                {
                    yield break;
                }
            }

            if (next is not null)
            {
                yield return (next.Type, next.Json);
                if (next.IsTerminal && next.JobId == jobId) yield break;
                continue;
            }

            var current = await store.GetAsync(jobId, ct);
            if (current is null) yield break;
            if (current.UpdatedAt != lastUpdate)
            {
                lastUpdate = current.UpdatedAt;
                yield return ("progress", JobProgressMessage.FromRecord(current));
            }
            if (JobStatus.IsTerminal(current.Status)) yield break;
        }
    }
}
