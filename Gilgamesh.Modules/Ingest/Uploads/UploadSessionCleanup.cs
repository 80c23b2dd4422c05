using Gilgamesh.Modules.Ingest.Library;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>
/// Recurring job: removes upload sessions past their expiry with their data and receiving library items, and session folders no row
/// knows about (left by a crash between creating the folder and the row) once they are as old as a timeout.
/// </summary>
internal sealed class UploadSessionCleanup(UploadSessionStore store, MediaItemStore items, UploadArea area, UploadOptions options, TimeProvider clock,
    ILogger<UploadSessionCleanup> logger)
{
    public const string RecurringJobId = "ingest-upload-cleanup";

    public async Task<int> RunAsync()
    {
        var now = clock.GetUtcNow();
        var expired = await store.DeleteExpiredAsync(now, CancellationToken.None);
        foreach (var (id, mediaId) in expired)
        {
            area.Delete(id);
            // The receiving item goes with its session; a rejected or ready one is finished and stays.
            if (mediaId is { } receiving) await items.DeleteUnfinishedAsync(receiving, CancellationToken.None);
        }

        var orphans = 0;
        if (Directory.Exists(area.Root))
        {
            var known = await store.AllIdsAsync(CancellationToken.None);
            foreach (var dir in new DirectoryInfo(area.Root).EnumerateDirectories())
            {
                if (!Guid.TryParseExact(dir.Name, "N", out var id) || known.Contains(id)) continue;
                if (now - dir.LastWriteTimeUtc < options.SessionTimeout) continue;
                area.Delete(id);
                orphans++;
            }
        }
        if (expired.Count + orphans > 0)
            logger.LogInformation("Removed {Expired} expired upload sessions and {Orphans} orphaned upload folders", expired.Count, orphans);
        return expired.Count + orphans;
    }
}
