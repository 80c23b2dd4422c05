using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>At start (after migrations): open journal entries are rolled forward or back before any new encode runs.</summary>
internal sealed class EncodeStartup(JournalRecovery recovery, ILogger<EncodeStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var recovered = await recovery.RecoverAsync(cancellationToken);
        if (recovered > 0) logger.LogWarning("Recovered {Count} interrupted replaces from the encode journal", recovered);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
