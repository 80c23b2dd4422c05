using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>) with one in-process server per queue family.</summary>
public static class HangfireRegistration
{
    public static IServiceCollection AddGilgameshJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(options);
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobCancellationRegistry>();
        services.AddSingleton<JobEventHub>();
        services.AddSingleton<JobEventStream>();
        services.AddSingleton<IJobScheduler, JobScheduler>();
        services.AddTransient<JobExecutor>();
        services.AddHostedService<JobNotificationListener>();
        services.TryAddSingleton(TimeProvider.System);

        // Registered before AddHangfire, which only adds a provider when none exists.
        services.AddSingleton<IJobFilterProvider, GilgameshJobFilterProvider>();
        services.AddHangfire((_, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromMilliseconds(options.QueuePollMilliseconds),
                // A job whose instance died is picked up again within minutes, not after a fixed half hour.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
            }));

        AddServer(services, "default", options.DefaultWorkers, [JobQueues.Default], options);
        AddServer(services, "media", options.EffectiveMediaWorkers, [JobQueues.Media], options);
        if (options.GpuWorkers > 0) AddServer(services, "gpu", options.GpuWorkers, [JobQueues.Gpu], options);
        return services;
    }

    private static void AddServer(IServiceCollection services, string name, int workers, string[] queues, JobsOptions options) =>
        services.AddHangfireServer((provider, server) =>
        {
            server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{name}:{Guid.NewGuid().ToString("N")[..6]}";
            server.WorkerCount = Math.Max(1, workers);
            server.Queues = queues;
            server.CancellationCheckInterval = TimeSpan.FromSeconds(options.CancellationCheckSeconds);
            server.FilterProvider = provider.GetRequiredService<IJobFilterProvider>();
            server.ShutdownTimeout = TimeSpan.FromSeconds(10);
        });
}
