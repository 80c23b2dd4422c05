using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gilgamesh.Tests.Support;
using OpenQA.Selenium;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// Issue 13 items 7 and 13 in headless Chromium: "/" opens a home that says what each module does, what ran recently and
/// what needs attention, and fits a phone (screenshot at 390 px); the media page shows the transcript as a captions
/// track on the player with the spoken line highlighted, SRT/VTT downloads, the scene mode select and "Run all", says why
/// Transcribe is off without a speech model, wraps a long unbroken file name, and "Add from URL" keeps a line whole.
/// </summary>
public sealed class HomeAndCaptionsBrowserTests : BrowserFixture
{
    [Test]
    public async Task Home_AtSlash_ShowsModulesRecentWorkAndWhatNeedsAttention_AndFitsAPhone()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("not a video\n", 2000)));
        var rejected = await SendAllChunksAsync(App.Http, "notes.mp4", text, 262144);
        Assert.That((await CompleteAsync(App.Http, rejected.Id)).Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var job = await JobApi.PostAsync(App.Http, "/api/v1/jobs/selftest", new { durationSeconds = 1 });

        Browser.Open("/");
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword, expectedPath: "/home");

        Browser.WaitForVisible(By.CssSelector("#home-modules li[data-module='ingest'] a[href='#/library']"));
        Browser.WaitForVisible(By.CssSelector($"#home-recent li[data-job-id='{job.Id}']"));
        Browser.WaitForVisible(By.CssSelector($"#home-attention li[data-kind='rejected-media'] a[href='#/library/{rejected.MediaId}']"));
        Assert.That(Browser.Driver.FindElement(By.CssSelector("#home-modules li[data-module='ingest'] p")).Text, Does.Contain("upload"));

        Browser.Driver.Manage().Window.Size = new System.Drawing.Size(390, 844);
        var overflow = Browser.WaitUntil(d => Js<object>(d,
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")?.ToString(), "layout at phone width");
        var screenshot = Browser.SaveScreenshot("home-phone-390px");
        Assert.That(overflow, Is.EqualTo("0"), "nothing runs off a phone screen");
        Assert.That(screenshot, Is.Not.Null.And.Matches<string>(File.Exists));
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task MediaPage_ShowsTheTranscriptAsATrack_HighlightsTheSpokenLine_AndOffersDownloads()
    {
        var name = "lecture_" + new string('x', 140) + ".mp4";
        using var folder = new TempDirectory("browser-media");
        var path = folder.Combine("clip.mp4");
        await MediaTools.Runner.RunAsync(
            $"-y -f lavfi -i testsrc2=s=320x180:r=25:d=4 -f lavfi -i sine=f=523:d=4 -shortest -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac \"{path}\"");
        var item = (await UploadAsync(App.Http, path, name)).Item;

        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open($"#/library/{item.Id}");
        var unavailable = Browser.WaitForVisible(By.Id("transcript-unavailable"));
        Assert.Multiple(() =>
        {
            Assert.That(unavailable.GetDomAttribute("data-code"), Is.EqualTo("speech.model_missing"));
            Assert.That(unavailable.Text, Does.Contain("./gilgamesh models pull"));
            Assert.That(Browser.Driver.FindElement(By.Id("run-transcript")).Enabled, Is.False, "no model, no captions: Transcribe is off");
            Assert.That(Browser.Driver.FindElement(By.Id("scene-mode")).GetDomProperty("value"), Is.EqualTo("mixed"), "the default finds slides too");
            Assert.That(Browser.Driver.FindElement(By.Id("run-all")).Displayed, Is.True);
            Assert.That(Js<bool>(Browser.Driver,
                "const t = document.getElementById('media-title'); return t.getBoundingClientRect().right <= document.documentElement.clientWidth && t.scrollWidth <= t.clientWidth;"),
                Is.True, "a long unbroken name wraps inside the page");
        });

        using (var captions = new StringContent("1\n00:00:00,200 --> 00:00:01,400\nFirst line\n\n2\n00:00:01,600 --> 00:00:03,500\nSecond line\n",
                   Encoding.UTF8, "text/plain"))
        using (var put = await App.Http.PutAsync($"/api/v1/ingest/media/{item.Id}/captions?format=srt&language=en", captions))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Browser.Driver.Navigate().Refresh();

        var cues = Browser.WaitUntil(d => Js<long>(d,
            "const v = document.getElementById('media-player'); const t = v && v.textTracks[0]; return t && t.cues ? t.cues.length : 0;") == 2 ? "2" : null,
            "the captions track loaded with its two cues", TimeSpan.FromSeconds(20));
        Assert.That(Browser.Driver.FindElement(By.CssSelector("#media-player track")).GetDomAttribute("src"), Does.Contain("/captions").And.Contain("format=vtt"));
        Js<object>(Browser.Driver, "document.getElementById('media-player').currentTime = 2.0;");
        var current = Browser.WaitUntil(d => d.FindElements(By.CssSelector("#transcript li.current .segment-text")).FirstOrDefault()?.Text,
            "the spoken line highlighted");
        Assert.Multiple(() =>
        {
            Assert.That(cues, Is.EqualTo("2"));
            Assert.That(current, Is.EqualTo("Second line"));
            Assert.That(Browser.Driver.FindElement(By.Id("captions-download-srt")).GetDomAttribute("href"), Does.Contain("format=srt"));
            Assert.That(Browser.Driver.FindElement(By.Id("captions-download-vtt")).GetDomAttribute("href"), Does.Contain("format=vtt"));
            Assert.That(Browser.Driver.FindElement(By.Id("transcript-unavailable")).Displayed, Is.False, "captions make a transcript possible");
            Assert.That(Browser.Driver.FindElement(By.Id("run-transcript")).Enabled, Is.True);
        });
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task AddFromUrl_ALineWithSpaces_IsOneUrl_AndAnErrorBannerDoesNotFollowToTheNextPage()
    {
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open("#/library");
        Browser.WaitForVisible(By.Id("url-input")).SendKeys("http://example.invalid/a b c.mp4");
        Browser.Driver.FindElement(By.Id("url-submit")).Click();
        Browser.WaitForVisible(By.CssSelector("#url-progress .job-progress[data-state='succeeded']"), TimeSpan.FromSeconds(30));
        var rows = Browser.WaitUntil(d => d.FindElements(By.CssSelector("#url-results li.url-result")) is { Count: > 0 } found ? found : null, "results");
        Assert.That(rows, Has.Count.EqualTo(1), "one line, one URL");

        // A search longer than the API allows: a 400 shown as a banner on the library page...
        Browser.Driver.FindElement(By.Id("library-search")).SendKeys(new string('q', 210));
        Browser.WaitForVisible(By.CssSelector("#banners .error-banner"));
        // ...which stays with that page.
        Browser.Open("#/home");
        Browser.WaitForVisible(By.Id("home-modules"));
        Browser.AssertNoErrorBanners();
    }

    private static T Js<T>(IWebDriver driver, string script)
    {
        var value = ((IJavaScriptExecutor)driver).ExecuteScript(script);
        return value is T typed ? typed : default!;
    }
}
