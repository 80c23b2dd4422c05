using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>
/// At startup, removes the scratch folders in <c>&lt;DataDir&gt;/tmp</c> that a run which ended without cleaning up
/// (crash, kill -9, power loss) left, at once, however young: a folder whose owner lock nobody holds has no owner. A
/// folder whose lock is held belongs to a live process on the same data dir (another instance, or a job this host's
/// Hangfire server already started) and stays. Safe at any moment, so it need not run before the job server.
/// </summary>
internal sealed class ScratchSweeper(GilgameshOptions options, ILogger<ScratchSweeper> logger) : IHostedService
{
    /// <summary>
    /// A folder without a lock to judge by (made by a version before the lock, caught in the instant between its mkdir
    /// and its lock, or on a file system without flock) may be in use; only this old is it surely abandoned.
    /// </summary>
    internal static readonly TimeSpan UnmarkedMinimumAge = TimeSpan.FromHours(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Sweep();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Sweep()
    {
        var root = ScratchDirectory.Root(options);
        if (!Directory.Exists(root)) return;
        foreach (var dir in new DirectoryInfo(root).EnumerateDirectories())
        {
            var state = ScratchOwnerLock.Probe(dir.FullName);
            var abandoned = state == ScratchFolderState.Abandoned
                            || (state == ScratchFolderState.Unmarked && DateTime.UtcNow - dir.LastWriteTimeUtc >= UnmarkedMinimumAge);
            if (!abandoned) continue;
            try
            {
                dir.Delete(recursive: true);
                logger.LogInformation("Removed scratch folder {Folder} left by a run that ended without cleaning up", dir.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not remove leftover scratch folder {Folder}", dir.FullName);
            }
        }
    }
}
