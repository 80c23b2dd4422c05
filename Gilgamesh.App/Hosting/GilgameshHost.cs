using System.Reflection;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Modules;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using Prometheus;
using Scalar.AspNetCore;

namespace Gilgamesh.App.Hosting;

/// <summary>
/// Builds the Gilgamesh web host: database (embedded or external) started and migrated before anything
/// serves, Hangfire, the kernel's services and endpoints, and every module found by scanning.
/// </summary>
public static class GilgameshHost
{
    public const string DefaultUrl = "http://localhost:8080";

    /// <param name="args">Command-line arguments (configuration overrides such as --urls).</param>
    /// <param name="customize">Tests add configuration or module assemblies here.</param>
    /// <param name="extraModuleAssemblies">Assemblies scanned for modules besides Gilgamesh.Modules.</param>
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? customize = null,
        IEnumerable<Assembly>? extraModuleAssemblies = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json and wwwroot sit next to the binary, whatever the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureLogging(builder.Logging);
        customize?.Invoke(builder); // after logging, so a customizer may add log providers

        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);

        var options = builder.Configuration.GetSection(GilgameshOptions.Section).Get<GilgameshOptions>() ?? new GilgameshOptions();
        Directory.CreateDirectory(options.DataDirFullPath);
        builder.Services.AddSingleton(options);

        using var bootLoggerFactory = LoggerFactory.Create(ConfigureLogging);
        var bootLogger = bootLoggerFactory.CreateLogger("Gilgamesh.Startup");
        var database = await DatabaseBootstrap.StartAsync(builder.Configuration, bootLogger, ct);

        var assemblies = new List<Assembly> { typeof(IGilgameshModule).Assembly };
        assemblies.AddRange(ModuleCatalog.LoadExtraAssemblies(options.ModuleAssemblies));
        if (extraModuleAssemblies is not null) assemblies.AddRange(extraModuleAssemblies);
        var catalog = ModuleCatalog.Discover(assemblies);

        KernelServices.Add(builder, catalog, database.ConnectionString);
        foreach (var module in catalog.Modules) module.RegisterServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        if (database.Embedded is { } cluster && app.Services.GetRequiredService<DatabaseOptions>().StopEmbeddedOnExit)
            app.Lifetime.ApplicationStopped.Register(() => cluster.StopAsync().GetAwaiter().GetResult());

        // Migrations run before the app serves; a refused migration stops startup.
        await app.Services.GetRequiredService<SchemaMigrator>()
            .MigrateAsync(catalog.Schemas, DatabaseBootstrap.MigrationsRoot(app.Configuration), ct);

        await app.Services.GetRequiredService<InitialAdmin>().EnsureAsync(ct);

        ConfigurePipeline(app, catalog);
        return app;
    }

    internal static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        // One JSON object per line; scopes carry JobId and Module on every line of job work.
        logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o =>
        {
            // CLI verbs print their results on stdout, so logs go to stderr when a verb runs.
            if (CliContext.IsVerb) o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
    }

    private static void ConfigurePipeline(WebApplication app, ModuleCatalog catalog)
    {
        var accounts = app.Services.GetRequiredService<AccountsOptions>();
        if (TrustedProxyHeaders.For(accounts) is { } forwarded) app.UseForwardedHeaders(forwarded);
        app.UseSecurityHeaders();
        if (accounts.HttpsRedirection) app.UseHttpsRedirection();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseHttpMetrics();
        app.UseDefaultFiles();
        // No build step means stable file names: revalidate so an upgrade never mixes old and new modules.
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache" });
        // Modules' own dashboard pages, from their embedded resources (ModuleAssets): no host edit per module.
        foreach (var module in catalog.Modules)
            if (ModuleAssets.FilesOf(module) is { } files)
                app.UseStaticFiles(new StaticFileOptions
                {
                    RequestPath = ModuleAssets.RequestPath(module),
                    FileProvider = files,
                    OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
                });
        // The dashboard's files are public (it shows a sign-in page); every endpoint below needs a policy.
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseGilgameshPasswordChangeGate();
        app.UseGilgameshAntiforgery();

        app.MapGilgameshHealth();
        app.MapMetrics("/metrics").RequireAuthorization(Policies.Admin);
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.Viewer);
        app.MapScalarApiReference("/api", o => o
            .WithTitle("Gilgamesh API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            // Self-hosted and often offline: no fonts from Scalar's CDN.
            .DisableDefaultFonts()
            // Self-hosted: no AI chat, no MCP, no telemetry, and none of the hosted-product buttons (Generate SDK, Deploy)
            // the developer toolbar offers; try-it sends the API key header the document declares.
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .AddPreferredSecuritySchemes([OpenApiDescriptions.ApiKeyScheme])
            .HideDeveloperTools()).RequireAuthorization(Policies.Viewer);
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // Access is the endpoint's admin policy (dashboard sign-in or an admin key), not Hangfire's filters.
            Authorization = [],
            AsyncAuthorization = [],
            DashboardTitle = "Gilgamesh jobs",
            AppPath = "/",
        }).RequireAuthorization(Policies.Admin);

        app.MapJobs();
        app.MapModuleDirectory();
        KernelServices.MapKernelEndpoints(app);

        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        foreach (var module in catalog.Modules)
        {
            module.MapEndpoints(app.MapGroup($"/api/v1/{module.Name}").WithTags(module.Name));
            module.RegisterRecurringJobs(recurring);
        }
        JobMetrics.Attach(app.Services);
    }
}

/// <summary>Whether this process runs a CLI verb (logs then go to stderr).</summary>
internal static class CliContext
{
    public static bool IsVerb { get; set; }
}
