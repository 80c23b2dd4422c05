namespace Gilgamesh.Modules.Ingest.Links;

/// <summary>Settings of URL processing (configuration section <c>Ingest:Links</c>; documented in docs/configuration.md).</summary>
internal sealed class LinksOptions
{
    public const string Section = "Ingest:Links";

    /// <summary>Most URLs one request may carry; more → 400.</summary>
    public int MaxUrlsPerRequest { get; set; } = 20;

    /// <summary>Largest body downloaded for one media URL (checked on Content-Length and while streaming).</summary>
    public long MaxDownloadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest item returned inline as base64 when <c>encode_base64</c> is asked for.</summary>
    public long MaxBase64Bytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Whole time one URL may take once it holds a fetch slot (all redirects, the body, yt-dlp).</summary>
    public double FetchTimeoutSeconds { get; set; } = 120;

    public int MaxRedirects { get; set; } = 5;

    /// <summary>Simultaneous URL fetches across all requests of this instance.</summary>
    public int MaxConcurrentFetches { get; set; } = 4;

    /// <summary>URLs that may wait for a fetch slot; a request that would overflow it is answered 429.</summary>
    public int QueueLimit { get; set; } = 100;

    /// <summary>How long a successful result is answered from the cache.</summary>
    public double CacheTtlSeconds { get; set; } = 24 * 3600;

    /// <summary>Lifetime of the signed URLs in a result.</summary>
    public double SignedUrlTtlSeconds { get; set; } = 3600;

    /// <summary>Allow URLs that resolve to loopback addresses (127.0.0.0/8, ::1). Off in production.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allow private, CGNAT, ULA and link-local addresses (never the cloud metadata endpoints).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Exact origins <c>host:port</c> allowed whatever they resolve to (e.g. an intranet media server).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>yt-dlp executable; empty → <c>yt-dlp</c> found on PATH.</summary>
    public string? YtDlpPath { get; set; }

    /// <summary>Hosts (and their subdomains) whose pages go to yt-dlp instead of the direct fetcher.</summary>
    public List<string> ExtractorHosts { get; set; } =
    [
        "instagram.com", "youtube.com", "youtu.be", "tiktok.com", "vimeo.com", "x.com", "twitter.com", "facebook.com", "fb.watch",
    ];

    public TimeSpan FetchTimeout => TimeSpan.FromSeconds(FetchTimeoutSeconds);
    public TimeSpan CacheTtl => TimeSpan.FromSeconds(CacheTtlSeconds);
    public TimeSpan SignedUrlTtl => TimeSpan.FromSeconds(SignedUrlTtlSeconds);
}
