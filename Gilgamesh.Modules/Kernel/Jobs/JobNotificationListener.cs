using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// Holds one connection that LISTENs for job events and cancel requests from every instance on the
/// database, and hands them to this instance's subscribers and running jobs. Reconnects on failure.
/// </summary>
internal sealed class JobNotificationListener(
    NpgsqlDataSource dataSource,
    JobEventHub hub,
    JobDetailCache details,
    JobCancellationRegistry cancellations,
    ILogger<JobNotificationListener> logger) : BackgroundService
{
    public const string EventsChannel = "gilgamesh_job_events";
    public const string CancelChannel = "gilgamesh_job_cancel";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"listen {EventsChannel}; listen {CancelChannel};", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                details.SetListening(true);
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                details.SetListening(false);
                return;
            }
            catch (Exception e)
            {
                details.SetListening(false);
                logger.LogWarning(e, "Job notification connection lost; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        try
        {
            if (e.Channel == CancelChannel)
            {
                if (Guid.TryParse(e.Payload, out var id) && cancellations.Cancel(id))
                    logger.LogInformation("Cancelling job {JobId} on request", id);
                return;
            }
            if (JobEvent.Parse(e.Payload) is { } jobEvent)
            {
                details.Invalidate(jobEvent.JobId);
                // A pipeline's detail lists its steps.
                if (jobEvent.ParentId is { } parent) details.Invalidate(parent);
                hub.Publish(jobEvent);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Ignoring malformed notification on {Channel}", e.Channel);
        }
    }
}
