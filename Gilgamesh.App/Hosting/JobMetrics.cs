using Dapper;
using Gilgamesh.Modules.Kernel.Jobs;
using Hangfire;
using Npgsql;
using Prometheus;

namespace Gilgamesh.App.Hosting;

/// <summary>Prometheus gauges read at scrape time: jobs by module and status, and Hangfire queue depth.</summary>
internal static class JobMetrics
{
    private static readonly Gauge Jobs = Metrics.CreateGauge("gilgamesh_jobs", "Jobs in platform.jobs by module and status.", "module", "status");
    private static readonly Gauge QueueDepth = Metrics.CreateGauge("gilgamesh_queue_depth", "Hangfire jobs waiting per queue.", "queue");
    private static readonly Gauge Running = Metrics.CreateGauge("gilgamesh_jobs_running_here", "Jobs running in this instance.");
    private static IServiceProvider? _services;
    private static int _registered;

    /// <summary>The registry is process-wide, so the callback is registered once and reads the newest host.</summary>
    public static void Attach(IServiceProvider services)
    {
        _services = services;
        if (Interlocked.Exchange(ref _registered, 1) == 0) Metrics.DefaultRegistry.AddBeforeCollectCallback(CollectAsync);
    }

    private static async Task CollectAsync(CancellationToken ct)
    {
        if (_services is not { } services) return;
        try
        {
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var counts = await connection.QueryAsync<(string Module, string Status, long Count)>(
                "select module, status, count(*) from platform.jobs group by module, status");
            foreach (var labels in Jobs.GetAllLabelValues()) Jobs.WithLabels(labels).Set(0);
            foreach (var (module, status, count) in counts) Jobs.WithLabels(module, status).Set(count);

            var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
            foreach (var queue in JobQueues.All) QueueDepth.WithLabels(queue).Set(monitoring.EnqueuedCount(queue));
            Running.Set(services.GetRequiredService<JobCancellationRegistry>().RunningCount);
        }
        catch (Exception)
        {
            // A scrape must not fail because the database blinked; the gauges keep their last values.
        }
    }
}
