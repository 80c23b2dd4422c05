using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Modules;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Modules.Kernel.Models;
using Gilgamesh.Modules.Kernel.SelfTest;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Gilgamesh.App.Hosting;

/// <summary>The kernel's services (database, jobs, storage, media I/O) and cross-cutting HTTP concerns.</summary>
internal static class KernelServices
{
    public static void Add(WebApplicationBuilder builder, ModuleCatalog catalog, string connectionString)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        DapperConventions.Apply();

        services.AddSingleton(catalog);
        services.AddSingleton(configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions());
        // Automatic preparation: the hot queries (job by id, progress updates) skip parse and plan on repeats.
        services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
            // A few busy backends beat many: beyond ~4 per core PostgreSQL only adds context switches
            // and tail latency, so excess requests wait for a pooled connection instead.
            MaxPoolSize = configuration.GetValue<int?>("Database:MaxPoolSize") is > 0 and var size ? size : Math.Max(8, 4 * Environment.ProcessorCount),
        }.ConnectionString));
        services.AddSingleton<SchemaMigrator>();
        services.AddGilgameshJobs(configuration, connectionString);
        services.AddGilgameshAccounts(configuration);
        services.AddGilgameshStorage(configuration);
        services.AddGilgameshMedia(configuration);
        services.AddGilgameshSpeech(configuration);
        services.AddGilgameshModels(configuration);
        services.AddHostedService<ScratchSweeper>();
        services.AddJobHandler<SelfTestJobHandler, SelfTestInput, SelfTestResult>(SelfTestJobHandler.Kind);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemExceptionHandler.AddDefaultCode);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (malformed JSON, wrong types) throw so they become coded problems, not empty 400s.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        builder.WebHost.ConfigureKestrel(k =>
            k.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Gilgamesh:MaxRequestBodyBytes") ?? 1024 * 1024);

        services.AddOpenApi(OpenApiDescriptions.Configure);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<HangfireServerHealthCheck>("hangfire", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<Gilgamesh.Modules.Kernel.Budgets.BudgetsHealthCheck>("budgets", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<MediaToolsHealthCheck>("ffmpeg", tags: [HealthEndpoints.ReadyTag])
            // Always healthy: says whether speech to text is available; the app is ready without a model.
            .AddCheck<SpeechHealthCheck>("speech", tags: [HealthEndpoints.ReadyTag])
            // Always healthy: says whether a language model is configured; callers fall back without one.
            .AddCheck<ModelHealthCheck>("models", tags: [HealthEndpoints.ReadyTag]);
    }

    public static void MapKernelEndpoints(IEndpointRouteBuilder app)
    {
        app.MapSignedFiles().AllowAnonymous(); // the signature is the credential
        app.MapSelfTest();
        app.MapAuth();
        app.MapUsers();
        app.MapApiKeys();
        app.MapAudit();
    }
}
