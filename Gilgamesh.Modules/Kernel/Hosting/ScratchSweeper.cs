using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>At startup, removes scratch folders that a crashed run left in <c>&lt;DataDir&gt;/tmp</c>.</summary>
internal sealed class ScratchSweeper(GilgameshOptions options, ILogger<ScratchSweeper> logger) : IHostedService
{
    /// <summary>Folders younger than this may belong to a job still running in another process on this data dir.</summary>
    private static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var root = ScratchDirectory.Root(options);
        if (!Directory.Exists(root)) return Task.CompletedTask;
        foreach (var dir in new DirectoryInfo(root).EnumerateDirectories())
        {
            if (DateTime.UtcNow - dir.LastWriteTimeUtc < MinimumAge) continue;
            try
            {
                dir.Delete(recursive: true);
                logger.LogInformation("Removed leftover scratch folder {Folder}", dir.FullName);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not remove leftover scratch folder {Folder}", dir.FullName);
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
