using Gilgamesh.Modules.Ingest.Links.Cache;
using Gilgamesh.Modules.Ingest.Links.Extraction;
using Gilgamesh.Modules.Ingest.Links.Fetching;
using Gilgamesh.Modules.Ingest.Links.Processing;
using Gilgamesh.Modules.Ingest.Links.Ssrf;
using Gilgamesh.Modules.Kernel.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links;

/// <summary>URL processing: <c>POST /process</c>, the link cache and its endpoints, the guarded HTTP client, yt-dlp.</summary>
internal static class LinksSlice
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinksOptions>().Bind(configuration.GetSection(LinksOptions.Section))
            .Validate(o => o.MaxUrlsPerRequest >= 1, "Ingest:Links:MaxUrlsPerRequest must be at least 1.")
            .Validate(o => o.MaxDownloadBytes > 0 && o.MaxBase64Bytes >= 0, "Ingest:Links:MaxDownloadBytes must be positive.")
            .Validate(o => o.FetchTimeoutSeconds > 0 && o.CacheTtlSeconds >= 0 && o.SignedUrlTtlSeconds > 0,
                "Ingest:Links: FetchTimeoutSeconds and SignedUrlTtlSeconds must be positive, CacheTtlSeconds not negative.")
            .Validate(o => o.MaxRedirects >= 0 && o.MaxConcurrentFetches >= 1 && o.QueueLimit >= 0,
                "Ingest:Links: MaxRedirects and QueueLimit must not be negative, MaxConcurrentFetches at least 1.")
            .Validate(o => o.AllowedHosts.All(h => h.Contains(':')), "Ingest:Links:AllowedHosts entries are host:port.")
            .ValidateOnStart();
        services.AddSingleton<SsrfPolicy>();
        services.AddSingleton<GuardedConnector>();
        services.AddHttpClient(DirectFetcher.ClientName, client =>
            {
                // The per-URL timeout (LinksOptions.FetchTimeoutSeconds) governs; HttpClient's own would cut it short.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Gilgamesh/1.0 (+media ingest)");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,    // followed by hand, each hop checked and counted
                ConnectCallback = sp.GetRequiredService<GuardedConnector>().ConnectAsync,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                UseProxy = false,             // a proxy would connect on our behalf, past the guard
                ConnectTimeout = TimeSpan.FromSeconds(15),
            });
        services.AddSingleton<DirectFetcher>();
        services.AddSingleton<ExtractorRouting>();
        services.AddSingleton<YtDlpLocator>();
        services.AddSingleton<YtDlpExtractor>();
        services.AddSingleton<CaptionStore>();
        services.AddSingleton<LinkDownloader>();
        services.AddSingleton<LinkCacheStore>();
        services.AddSingleton<LinkItemPresenter>();
        services.AddSingleton<FetchLimiter>();
        services.AddSingleton<LinkProcessor>();
        services.AddSingleton<LinkBatchProcessor>();
        services.AddJobHandler<ProcessLinksJob, ProcessRequest, LinkResult[]>(ProcessLinksJob.Kind);
        services.AddScoped<LinkCachePurge>();
    }

    public static void Map(IEndpointRouteBuilder api)
    {
        ProcessEndpoint.Map(api);
        CacheEndpoints.Map(api);
    }

    public static void RegisterRecurringJobs(IRecurringJobManager recurringJobs) =>
        recurringJobs.AddOrUpdate<LinkCachePurge>(LinkCachePurge.RecurringJobId, x => x.RunAsync(), Cron.Hourly);
}
