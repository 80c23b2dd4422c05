using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Modules.Kernel.Jobs.Recovery;
using Gilgamesh.Modules.Kernel.Pipelines;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>) with one in-process server per queue family.</summary>
public static class HangfireRegistration
{
    public static IServiceCollection AddGilgameshJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(options);
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobLauncher>();
        services.AddSingleton<PipelineStore>();
        services.AddSingleton<JobMeters>();
        services.AddSingleton<InstanceIdentity>();
        var budgets = configuration.GetSection(BudgetOptions.Section).Get<BudgetOptions>() ?? new BudgetOptions();
        budgets.Nvenc = NvencSessionLimits.Detect();
        services.AddSingleton(budgets);
        services.AddSingleton<BudgetStore>();
        services.AddSingleton<IBudgets>(provider => provider.GetRequiredService<BudgetStore>());
        services.AddHostedService<JobReconciler>();
        // Job logs: what the app's code logs during a run also lands in that job's log, whatever the console's level.
        services.AddSingleton<ILoggerProvider, JobLogCapture>();
        services.AddLogging(logging => logging.AddFilter<JobLogCapture>(null, LogLevel.Information));
        services.AddSingleton<JobCancellationRegistry>();
        services.AddSingleton<JobEventHub>();
        services.AddSingleton<JobDetailCache>();
        services.AddSingleton<JobEventStream>();
        services.AddSingleton<IJobScheduler, JobScheduler>();
        services.AddTransient<JobExecutor>();
        services.AddHostedService<JobNotificationListener>();
        services.TryAddSingleton(TimeProvider.System);

        // This host's own storage, registered before AddHangfire: Hangfire.AspNetCore would otherwise resolve
        // the process-wide JobStorage.Current, which several hosts in one process (tests) overwrite.
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, StorageOptions(options)), StorageOptions(options));
        services.AddSingleton<JobStorage>(storage);
        services.AddSingleton<IJobFilterProvider, GilgameshJobFilterProvider>();
        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        var unknown = options.EffectiveQueues.Except(JobQueues.All).ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"Jobs:Queues has unknown queues {string.Join(", ", unknown)}; known: {string.Join(", ", JobQueues.All)}");
        if (options.EffectiveQueues.Contains(JobQueues.Default)) AddServer(services, "default", options.DefaultWorkers, [JobQueues.Default], options);
        if (options.EffectiveQueues.Contains(JobQueues.Media)) AddServer(services, "media", options.EffectiveMediaWorkers, [JobQueues.Media], options);
        if (options.EffectiveQueues.Contains(JobQueues.Gpu) && options.GpuWorkers > 0) AddServer(services, "gpu", options.GpuWorkers, [JobQueues.Gpu], options);
        return services;
    }

    private static PostgreSqlStorageOptions StorageOptions(JobsOptions options) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromMilliseconds(options.QueuePollMilliseconds),
        // A job whose instance died is picked up again within minutes, not after a fixed half hour.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
    };

    private static void AddServer(IServiceCollection services, string name, int workers, string[] queues, JobsOptions options) =>
        services.AddHangfireServer((provider, server) =>
        {
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{name}:{Guid.NewGuid().ToString("N")[..6]}";
            server.WorkerCount = Math.Max(1, workers);
            server.Queues = queues;
            server.CancellationCheckInterval = TimeSpan.FromSeconds(options.CancellationCheckSeconds);
            server.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, options.SchedulePollSeconds));
            server.FilterProvider = provider.GetRequiredService<IJobFilterProvider>();
            server.ShutdownTimeout = TimeSpan.FromSeconds(10);
        });
}
