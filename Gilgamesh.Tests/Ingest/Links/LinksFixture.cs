using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>
/// One app and one <see cref="MediaLinkServer"/> shared by the URL processing tests. Loopback is NOT allowed; only the
/// test server's exact origin is (AllowedHosts), so a redirect to the same server under another name is refused.
/// Limits are small so the bad cases fail fast: 2 s per URL, 5 MB per file, 2 fetches at once, a 3 s cache TTL,
/// 3 redirects, base64 up to exactly the size of clip.mp4 (so long.mp4 is over it).
/// </summary>
[NonParallelizable]
public abstract class LinksFixture
{
    protected const double CacheTtlSeconds = 3;
    protected const int MaxConcurrentFetches = 2;
    protected const int MaxRedirects = 3;

    private TempDirectory _tools = null!;

    protected AppInstance App { get; private set; } = null!;
    internal MediaLinkServer Server { get; private set; } = null!;

    /// <summary>Where the app looks for yt-dlp; tests write a stand-in there or make sure nothing is there.</summary>
    protected string YtDlpPath => _tools.Combine("yt-dlp");

    protected string TempRoot => Path.Combine(App.DataDir, "tmp");

    /// <summary><c>Ingest:Links:MaxBase64Bytes</c>: the size of clip.mp4, which is therefore inlined (the limit is inclusive).</summary>
    protected long MaxBase64Bytes { get; private set; }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _tools = new TempDirectory("links-tools");
        Server = await MediaLinkServer.StartAsync();
        await Server.AddTestMediaAsync();
        MaxBase64Bytes = new FileInfo(Server.FileOf("clip.mp4")).Length;
        var settings = new Dictionary<string, string?>
        {
            ["Ingest:Links:AllowLoopback"] = "false",
            ["Ingest:Links:AllowedHosts:0"] = Server.Origin,
            ["Ingest:Links:FetchTimeoutSeconds"] = "2",
            ["Ingest:Links:MaxDownloadBytes"] = "5000000",
            ["Ingest:Links:MaxConcurrentFetches"] = MaxConcurrentFetches.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Links:MaxUrlsPerRequest"] = "20",
            ["Ingest:Links:CacheTtlSeconds"] = CacheTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Links:MaxRedirects"] = MaxRedirects.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Links:MaxBase64Bytes"] = MaxBase64Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Links:YtDlpPath"] = YtDlpPath,
        };
        foreach (var (key, value) in Overrides) settings[key] = value;
        App = await AppInstance.StartAsync(settings: settings);
    }

    /// <summary>Settings a fixture changes from the shared ones above.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
        _tools.Dispose();
    }

    /// <summary>POSTs a process request and returns the answer array (fails the test on any status but 200).</summary>
    protected Task<JsonElement[]> ProcessAsync(object body, HttpClient? client = null) => LinksApi.ProcessAsync(client ?? App.Http, body);

    protected static string ErrorCode(JsonElement result) => LinksApi.ErrorCode(result);
}
