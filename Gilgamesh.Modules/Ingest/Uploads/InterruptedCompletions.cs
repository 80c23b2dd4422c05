using Gilgamesh.Modules.Ingest.Library;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>
/// Finishes what a crash interrupted in <c>POST …/complete</c>: at start, and every
/// <see cref="UploadOptions.RecoveryIntervalSeconds"/> for completions of another instance that died. A session is
/// interrupted when it reads <c>completing</c> and its completion lock is free (nobody runs it). If the library item
/// became ready before the crash, the session is marked completed; otherwise the session reopens with its chunks
/// and the item goes back to receiving, so the client completes again — within seconds, not at the 24-h sweep.
/// </summary>
internal sealed class InterruptedCompletions(UploadSessionStore sessions, MediaItemStore items, UploadArea area, UploadOptions options,
    TimeProvider clock, ILogger<InterruptedCompletions> logger)
{
    public async Task<int> RecoverAllAsync(CancellationToken ct)
    {
        var recovered = 0;
        foreach (var id in await sessions.CompletingIdsAsync(ct))
        {
            await using var held = await sessions.TryLockCompletionAsync(id, ct);
            if (held is null) continue; // still being completed
            if (await RecoverLockedAsync(id, ct)) recovered++;
        }
        return recovered;
    }

    /// <summary>Recovers one session whose completion lock the caller holds; false when it was not completing.</summary>
    public async Task<bool> RecoverLockedAsync(Guid id, CancellationToken ct)
    {
        if (await sessions.GetAsync(id, ct) is not { Status: UploadStatuses.Completing } session) return false;
        var item = session.MediaId is { } mediaId ? await items.GetAsync(mediaId, ct) : null;
        if (item is { Status: MediaStatuses.Ready })
        {
            await sessions.SetStatusAsync(id, UploadStatuses.Completed, item.Id, clock.GetUtcNow() + options.SessionTimeout, ct);
            area.Delete(id);
            logger.LogWarning("Upload session {SessionId}: completion was interrupted after media {MediaId} was stored; marked completed", id, item.Id);
            return true;
        }
        if (item is not null) await items.SetPendingStatusAsync(item.Id, MediaStatuses.Receiving, null, null, ct);
        await sessions.ReopenCompletingAsync(id, clock.GetUtcNow() + options.SessionTimeout, ct);
        logger.LogWarning("Upload session {SessionId}: completion was interrupted; reopened with its chunks so it can be completed again", id);
        return true;
    }
}

/// <summary>Runs <see cref="InterruptedCompletions"/> at start and then periodically.</summary>
internal sealed class InterruptedCompletionsService(InterruptedCompletions recovery, UploadOptions options,
    ILogger<InterruptedCompletionsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.RecoveryIntervalSeconds)));
        do
        {
            try
            {
                await recovery.RecoverAllAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Recovering interrupted upload completions failed; trying again later");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
