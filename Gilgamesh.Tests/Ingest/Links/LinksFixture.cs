using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>
/// One app and one <see cref="MediaLinkServer"/> shared by the URL processing tests. Loopback is NOT allowed; only the
/// test server's exact origin is (AllowedHosts), so a redirect to the same server under another name is refused.
/// Limits are small so the bad cases fail fast: 2 s per URL, 5 MB per file, 2 fetches at once, a 3 s cache TTL.
/// </summary>
[NonParallelizable]
public abstract class LinksFixture
{
    protected const double CacheTtlSeconds = 3;
    protected const int MaxConcurrentFetches = 2;

    private TempDirectory _tools = null!;

    protected AppInstance App { get; private set; } = null!;
    internal MediaLinkServer Server { get; private set; } = null!;

    /// <summary>Where the app looks for yt-dlp; tests write a stand-in there or make sure nothing is there.</summary>
    protected string YtDlpPath => _tools.Combine("yt-dlp");

    protected string TempRoot => Path.Combine(App.DataDir, "tmp");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _tools = new TempDirectory("links-tools");
        Server = await MediaLinkServer.StartAsync();
        Server.AddFile("clip.mp4", await MediaGenerator.VideoWithToneAsync(), "video/mp4");
        Server.AddFile("silent.mp4", await MediaGenerator.VideoOnlyAsync(), "video/mp4");
        Server.AddFile("audio.wav", await MediaGenerator.ToneOnlyAsync(), "audio/wav");
        Server.AddFile("still.jpg", await StillImageAsync(), "image/jpeg");
        var settings = new Dictionary<string, string?>
        {
            ["Ingest:Links:AllowLoopback"] = "false",
            ["Ingest:Links:AllowedHosts:0"] = Server.Origin,
            ["Ingest:Links:FetchTimeoutSeconds"] = "2",
            ["Ingest:Links:MaxDownloadBytes"] = "5000000",
            ["Ingest:Links:MaxConcurrentFetches"] = MaxConcurrentFetches.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:Links:MaxUrlsPerRequest"] = "20",
            ["Ingest:Links:CacheTtlSeconds"] = CacheTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
    protected async Task<JsonElement[]> ProcessAsync(object body, HttpClient? client = null)
    {
        using var response = await (client ?? App.Http).PostAsJsonAsync("/api/v1/ingest/process", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    protected static string ErrorCode(JsonElement result) =>
        result.GetProperty("error").ValueKind == JsonValueKind.Object ? result.GetProperty("error").GetProperty("code").GetString()! : "(none)";

    private static async Task<string> StillImageAsync()
    {
        var path = Path.Combine(MediaGenerator.Folder, "links-still.jpg");
        if (!File.Exists(path))
            await MediaTools.Runner.RunAsync($"-y -f lavfi -i testsrc2=s=320x240 -frames:v 1 {path}");
        return path;
    }
}
