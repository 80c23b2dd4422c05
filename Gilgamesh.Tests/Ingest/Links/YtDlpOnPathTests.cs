using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>
/// yt-dlp found the way an installed one is: on the app's PATH, with no <c>Ingest:Links:YtDlpPath</c>. The app runs as its
/// own process so that it has its own PATH: first this test's folder, then the machine's PATH without the folders that
/// hold the real yt-dlp (the Debian package is installed here), so "not installed" can be shown as well. ffmpeg lives in
/// one of those folders, so it is configured by path.
/// </summary>
[NonParallelizable]
public sealed class YtDlpOnPathTests
{
    private TempDirectory _tools = null!;
    private TempDirectory _data = null!;
    private MediaLinkServer _server = null!;
    private AppProcess _app = null!;

    private string StandInPath => _tools.Combine("yt-dlp");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _tools = new TempDirectory("ytdlp-on-path");
        _data = new TempDirectory("gilgamesh-data");
        _server = await MediaLinkServer.StartAsync();
        await _server.AddTestMediaAsync();
        var machinePath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => !File.Exists(Path.Combine(dir, "yt-dlp")));
        _app = await AppProcess.StartAsync(_data.Path, await TestDatabase.CreateAsync("ytdlp_path"), new Dictionary<string, string>
        {
            ["PATH"] = string.Join(Path.PathSeparator, [_tools.Path, .. machinePath]),
            ["Media__FfmpegPath"] = MediaTools.Locator.FfmpegPath,
            ["Media__FfprobePath"] = MediaTools.Locator.FfprobePath,
            ["Ingest__Links__YtDlpPath"] = "",
            ["Ingest__Links__AllowedHosts__0"] = _server.Origin,
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
        _data.Dispose();
        _tools.Dispose();
    }

    [Test]
    public async Task Process_WhenAStandInYtDlpIsFirstOnPath_AnswersTheThreeCarouselItemsFromTheLocalServer()
    {
        var argsFile = _tools.Combine("args.txt");
        YtDlpStandIn.WriteCarousel(StandInPath, argsFile, _server);
        try
        {
            var result = (await LinksApi.ProcessAsync(_app.Http, new { urls = new[] { YtDlpStandIn.CarouselUrl } }))[0];

            Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("ok"), $"{result}\n{_app.Output}");
            var items = result.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items.Select(i => i.GetProperty("kind").GetString()), Is.EqualTo(new[] { "video", "audio", "image" }));
            Assert.That(items[0].GetProperty("captions").ValueKind, Is.EqualTo(JsonValueKind.String), "the offered captions came along");
            Assert.That(await File.ReadAllTextAsync(argsFile), Does.Contain("-J").And.EndWith(YtDlpStandIn.CarouselUrl + "\n"),
                "the stand-in on PATH is what ran: metadata mode, page URL last");
            Assert.That(_server.Hits("/media/still.jpg"), Is.GreaterThanOrEqualTo(1), "the media were fetched from where it said");
        }
        finally
        {
            File.Delete(StandInPath);
        }
    }

    [Test]
    public async Task Process_WhenNoYtDlpIsOnPath_AnswersExtractorUnavailable()
    {
        File.Delete(StandInPath);
        var result = (await LinksApi.ProcessAsync(_app.Http, new { urls = new[] { "https://www.instagram.com/reel/C0NotHere/" } }))[0];
        Assert.That(LinksApi.ErrorCode(result), Is.EqualTo("extractor.unavailable"), result.ToString());
        Assert.That(result.GetProperty("error").GetProperty("retryable").GetBoolean(), Is.False);
    }
}
