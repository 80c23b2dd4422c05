using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>
/// Registers the recurring cleanup of abandoned upload sessions at start, on the schedule of the validated
/// <see cref="UploadOptions"/> (Hangfire refuses a malformed cron here, so a bad schedule stops the start too).
/// </summary>
internal sealed class UploadCleanupSchedule(IRecurringJobManager recurringJobs, IOptions<UploadOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<UploadSessionCleanup>(UploadSessionCleanup.RecurringJobId, x => x.RunAsync(), options.Value.CleanupCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
