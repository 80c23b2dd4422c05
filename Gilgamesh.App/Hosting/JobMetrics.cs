using Dapper;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Modules.Kernel.Jobs;
using Hangfire;
using Npgsql;
using Prometheus;

namespace Gilgamesh.App.Hosting;

/// <summary>
/// Prometheus metrics: jobs by module and status, Hangfire queue depth and each budget's use (read at scrape time);
/// run durations per module and kind, and waits per budget (observed as they happen).
/// </summary>
internal static class JobMetrics
{
    private static readonly Gauge Jobs = Metrics.CreateGauge("gilgamesh_jobs", "Jobs in platform.jobs by module and status.", "module", "status");
    private static readonly Gauge QueueDepth = Metrics.CreateGauge("gilgamesh_queue_depth", "Hangfire jobs waiting per queue.", "queue");
    private static readonly Gauge Running = Metrics.CreateGauge("gilgamesh_jobs_running_here", "Jobs running in this instance.");
    private static readonly Gauge BudgetCapacity = Metrics.CreateGauge("gilgamesh_budget_capacity", "Capacity of each shared budget.", "budget");
    private static readonly Gauge BudgetInUse = Metrics.CreateGauge("gilgamesh_budget_in_use", "Leases held per budget, across instances.", "budget");
    private static readonly Gauge BudgetWaiting = Metrics.CreateGauge("gilgamesh_budget_waiting", "Jobs waiting for a lease per budget.", "budget");
    private static readonly Histogram RunSeconds = Metrics.CreateHistogram("gilgamesh_job_run_seconds",
        "Duration of job and pipeline-step runs in this instance, per module, kind and outcome.",
        new HistogramConfiguration { LabelNames = ["module", "kind", "status"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 16) });
    private static readonly Histogram BudgetWaitSeconds = Metrics.CreateHistogram("gilgamesh_budget_wait_seconds",
        "Time jobs waited for a budget lease, per budget and whether it was granted.",
        new HistogramConfiguration { LabelNames = ["budget", "granted"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 16) });
    private static IServiceProvider? _services;
    private static int _registered;

    /// <summary>The registry is process-wide, so the callback is registered once and reads the newest host.</summary>
    public static void Attach(IServiceProvider services)
    {
        _services = services;
        var meters = services.GetRequiredService<JobMeters>();
        meters.RunFinished += (module, kind, status, seconds) => RunSeconds.WithLabels(module, kind, status).Observe(seconds);
        meters.BudgetWaited += (budget, seconds, granted) => BudgetWaitSeconds.WithLabels(budget, granted ? "true" : "false").Observe(seconds);
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
            foreach (var use in await services.GetRequiredService<IBudgets>().GetUseAsync(ct))
            {
                BudgetCapacity.WithLabels(use.Budget).Set(use.Capacity);
                BudgetInUse.WithLabels(use.Budget).Set(use.InUse);
                BudgetWaiting.WithLabels(use.Budget).Set(use.Waiting);
            }
        }
        catch (Exception)
        {
            // A scrape must not fail because the database blinked; the gauges keep their last values.
        }
    }
}
