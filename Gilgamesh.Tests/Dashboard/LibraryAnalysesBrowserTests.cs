using System.Net;
using Gilgamesh.Tests.Ingest.Links;
using Gilgamesh.Tests.Support;
using OpenQA.Selenium;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// The library's "Add from URL" and the detail view's analyses in headless Chromium: paste a URL of a local media
/// server (loopback allowed for this app) and a 404 → the job's progress bar reaches done, the item appears in the grid,
/// the 404 shows its code; a rejected upload shows as a rejected card with its code; open the video, find scenes, see the
/// keyframe strip, click a keyframe and the player seeks to its time; upload SRT captions, click a transcript segment, same.
/// </summary>
public sealed class LibraryAnalysesBrowserTests : BrowserFixture
{
    private MediaLinkServer _server = null!;

    protected override async Task<AppInstance> StartAppAsync()
    {
        _server = await MediaLinkServer.StartAsync();
        _server.AddFile("cuts.mp4", await ThreeShotVideoAsync(), "video/mp4");
        return await AppInstance.StartAsync(settings: new Dictionary<string, string?> { ["Ingest:Links:AllowLoopback"] = "true" });
    }

    protected override async ValueTask OnStoppingAsync() => await _server.DisposeAsync();

    [Test]
    public async Task AddFromUrl_ShowsProgressAndErrors_RejectedCard_ScenesKeyframesSeekThePlayer()
    {
        // A text file completed through a resumable session: kept in the library as rejected.
        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("not a video\n", 2000)));
        var session = await SendAllChunksAsync(App.Http, "notes.mp4", text, 262144);
        Assert.That((await CompleteAsync(App.Http, session.Id)).Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));

        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open("#/library");
        var rejected = Browser.WaitForVisible(By.CssSelector($"#library-grid a.media-card[data-status='rejected'][data-media-id='{session.MediaId}'] .media-reason"));
        Assert.That(rejected.GetDomAttribute("data-code"), Is.EqualTo("media.unsupported"));

        Browser.Driver.FindElement(By.Id("url-input")).SendKeys(_server.Url("/media/cuts.mp4") + "\n" + _server.Url("/missing"));
        Browser.Driver.FindElement(By.Id("url-submit")).Click();
        Browser.WaitForVisible(By.CssSelector("#url-progress .job-progress[data-state='succeeded'][data-percent='100']"), TimeSpan.FromSeconds(30));
        // Read in one script: the page re-renders these lists while it polls.
        var results = Js<string>(Browser.Driver,
            "return JSON.stringify([...document.querySelectorAll('#url-results li.url-result')].map((li) => [li.dataset.status, li.dataset.code ?? '']));");
        var rows = System.Text.Json.JsonSerializer.Deserialize<string[][]>(results)!;
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r[0]), Is.EqualTo(new[] { "ok", "error" }), "one row per URL, in order");
            Assert.That(rows[1][1], Is.Not.Empty, "the failed URL shows its code");
        });

        Browser.Click(By.CssSelector("#library-grid a.media-card[data-kind='video'][data-status='ready']"));
        Browser.WaitForVisible(By.CssSelector("video#media-player"));
        Browser.Click(By.Id("run-scenes"));
        Browser.WaitForVisible(By.CssSelector("#analysis-progress .job-progress[data-state='succeeded']"), TimeSpan.FromSeconds(40));
        var keyframeTimes = Browser.WaitUntil(d =>
        {
            var loaded = (long)((IJavaScriptExecutor)d).ExecuteScript(
                "return [...document.querySelectorAll('#keyframes button.keyframe img')].filter(i => i.complete && i.naturalWidth > 0).length;")!;
            return loaded >= 2
                ? Js<string>(d, "return JSON.stringify([...document.querySelectorAll('#keyframes button.keyframe')].map((b) => b.dataset.time));")
                : null;
        }, "at least two keyframe thumbnails loaded", TimeSpan.FromSeconds(15));

        var times = System.Text.Json.JsonSerializer.Deserialize<string[]>(keyframeTimes)!;
        var time = double.Parse(times[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(time, Is.GreaterThan(1.0), "the last scene starts after the first cut");
        Browser.Click(By.CssSelector("#keyframes button.keyframe"), times.Length - 1);
        Browser.WaitUntil(d => Js<bool>(d, $"const v = document.getElementById('media-player'); return !v.seeking && Math.abs(v.currentTime - {time.ToString(System.Globalization.CultureInfo.InvariantCulture)}) < 0.3;")
            ? "seeked" : null, $"the player at {time} s", TimeSpan.FromSeconds(10));

        // Captions through the file input: the transcript appears, and a segment seeks the player to its start.
        using var captions = new TempDirectory("captions");
        var srt = captions.Combine("lecture.srt");
        await File.WriteAllTextAsync(srt, "1\n00:00:00,500 --> 00:00:02,000\nFirst words\n\n2\n00:00:03,500 --> 00:00:05,000\nSecond words\n");
        Browser.Driver.FindElement(By.Id("captions-input")).SendKeys(srt);
        var segmentTexts = Browser.WaitUntil(d =>
        {
            var texts = System.Text.Json.JsonSerializer.Deserialize<string[]>(Js<string>(d,
                "return JSON.stringify([...document.querySelectorAll('#transcript button.segment .segment-text')].map((t) => t.textContent.trim()));"))!;
            return texts.Length == 2 ? texts : null;
        }, "two transcript segments", TimeSpan.FromSeconds(10));
        Assert.That(segmentTexts[1], Is.EqualTo("Second words"));
        Browser.Click(By.CssSelector("#transcript button.segment"), 1);
        Browser.WaitUntil(d => Js<bool>(d, "const v = document.getElementById('media-player'); return !v.seeking && Math.abs(v.currentTime - 3.5) < 0.3;")
            ? "seeked" : null, "the player at 3.5 s", TimeSpan.FromSeconds(10));

        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    /// <summary>6 s at 320x180: testsrc2, red, SMPTE bars (2 s each) joined by hard cuts, so scene detection finds three scenes.</summary>
    private static async Task<string> ThreeShotVideoAsync()
    {
        var path = Path.Combine(MediaGenerator.Folder, "three-shots.mp4");
        if (File.Exists(path)) return path;
        var partial = path + ".part.mp4";
        await MediaTools.Runner.RunAsync(
            "-y -f lavfi -i testsrc2=s=320x180:r=25:d=2 -f lavfi -i color=c=red:s=320x180:r=25:d=2 -f lavfi -i smptebars=s=320x180:r=25:d=2 " +
            "-filter_complex \"[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]\" -map \"[v]\" -c:v libx264 -preset ultrafast -g 25 " +
            $"-movflags +faststart \"{partial}\"");
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static T Js<T>(IWebDriver driver, string script)
    {
        var value = ((IJavaScriptExecutor)driver).ExecuteScript(script);
        return value is T typed ? typed : default!;
    }
}
