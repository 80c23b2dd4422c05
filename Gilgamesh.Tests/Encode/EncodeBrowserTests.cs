using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Dashboard;
using Gilgamesh.Tests.Support;
using OpenQA.Selenium;

namespace Gilgamesh.Tests.Encode;

/// <summary>
/// The encode pages in headless Chromium against a real host (Hangfire runs the encodes, ffmpeg encodes for real):
/// create a library under the root, dry run, start, watch the queue's speed and ETA, pause, retry a failed file, resume.
/// </summary>
public sealed class EncodeBrowserTests : BrowserFixture
{
    private TempDirectory _root = null!;
    private Guid _strictLibrary;

    protected override Task<AppInstance> StartAppAsync()
    {
        _root = new TempDirectory("gilgamesh-encode-browser");
        return AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Encode:Roots:0"] = _root.Path,
            ["Encode:StableSeconds"] = "0",
        });
    }

    /// <summary>A library whose SSIM bar no encode meets (made through the API): its one file ends failed, with the reason.</summary>
    protected override async Task OnStartedAsync()
    {
        var folder = Directory.CreateDirectory(_root.Combine("strict")).FullName;
        await EncodeMedia.HighBitrateH264Async(Path.Combine(folder, "strict clip.mp4"));
        var created = await App.Http.PostAsJsonAsync("/api/v1/encode/libraries", new
        {
            name = "strict", folders = new[] { folder },
            profile = new { codec = "hevc", encoder = "cpu", quality = 35, speed = "ultrafast", maxBitrateKbps = 1500, thresholds = new { minSsim = 0.99999 } },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        _strictLibrary = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await App.Http.PostAsync($"/api/v1/encode/libraries/{_strictLibrary}/scan", null);
        await App.Http.PostAsync($"/api/v1/encode/libraries/{_strictLibrary}/start", null);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var files = await App.Http.GetFromJsonAsync<JsonElement>($"/api/v1/encode/libraries/{_strictLibrary}/files");
            if (files.EnumerateArray().Single().GetProperty("status").GetString() == "failed") return;
            await Task.Delay(250);
        }

        Assert.Fail("the strict library's file did not fail verification");
    }

    protected override ValueTask OnStoppingAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }

    [Test]
    public async Task EncodePages_WhenAdminWalksFromNewLibraryToARetriedFailure_ShowReasonsForecastLiveQueuePauseAndRetry()
    {
        // 200 frames of 720p at a slow preset: long enough for the queue to show the encode's speed on any machine here.
        var films = Directory.CreateDirectory(_root.Combine("films")).FullName;
        await EncodeMedia.HighBitrateH264Async(Path.Combine(films, "lecture «one» 'take 2'.mp4"), 1280, 720, seconds: 8);
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open("#/encode");

        // GPU state: no NVIDIA device here, so NVENC reads as not available, with the probe's reason.
        var nvenc = Browser.WaitForVisible(By.CssSelector("#encode-encoders li[data-encoder='hevc_nvenc']"));
        Assert.That(nvenc.GetDomAttribute("data-works"), Is.EqualTo(File.Exists("/dev/nvidia0") ? "true" : "false"));
        Assert.That(Browser.Driver.FindElement(By.Id("encode-gpu")).Text, Does.StartWith("GPU: 0 of "));
        Assert.That(Browser.WaitForVisible(By.Id("encode-roots")).Text, Does.Contain(_root.Path));

        Type("encode-name", "films");
        Type("encode-folders", films);
        Browser.SelectOption(Browser.Driver.FindElement(By.Id("encode-codec")), "h264");
        Browser.SelectOption(Browser.Driver.FindElement(By.Id("encode-encoder")), "cpu");
        Browser.SelectOption(Browser.Driver.FindElement(By.Id("encode-speed")), "slow");
        Type("encode-quality", "28");
        Type("encode-max-bitrate", "1500");
        Type("encode-min-ssim", "0.8");
        Browser.Click(By.Id("encode-create"));
        Browser.WaitUntil(d => d.FindElements(By.CssSelector("#encode-library h1")).FirstOrDefault(h => h.Text == "films"), "the new library's page");

        Browser.Click(By.Id("encode-dry-run"));
        Browser.WaitForVisible(By.CssSelector("#encode-forecast[data-planned='1']"), TimeSpan.FromSeconds(60));
        var planned = Browser.WaitForVisible(By.CssSelector("#encode-files tr[data-status='planned']"));
        var fileId = planned.GetDomAttribute("data-file-id");
        Assert.Multiple(() =>
        {
            Assert.That(planned.FindElement(By.CssSelector(".file-reasons")).Text, Does.Contain("over max 1.5 Mb/s"));
            Assert.That(planned.FindElement(By.CssSelector(".file-forecast")).Text, Does.Match(@"\d.*(KiB|MiB)"));
            Assert.That(Browser.Driver.FindElement(By.Id("encode-forecast")).Text, Does.Contain("about"));
        });

        Browser.Click(By.Id("encode-start"));
        var speed = Browser.WaitUntil(d =>
        {
            var values = Js<string>(d, $$"""
                const row = document.querySelector('#encode-queue li[data-file-id="{{fileId}}"][data-status="encoding"]');
                const fps = row?.querySelector('.queue-fps')?.dataset.fps, eta = row?.querySelector('.queue-eta')?.dataset.eta;
                return fps && eta ? fps + ' ' + eta : '';
                """);
            return string.IsNullOrEmpty(values) ? null : values.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }, "the encode in the queue with its fps and ETA", TimeSpan.FromSeconds(60));
        Assert.That(speed[0], Is.GreaterThan(0), "fps");
        Assert.That(speed[1], Is.GreaterThanOrEqualTo(0), "ETA seconds");

        var done = Browser.WaitForVisible(By.CssSelector($"#encode-files tr[data-file-id='{fileId}'][data-status='done']"), TimeSpan.FromSeconds(120));
        Assert.That(done.FindElement(By.CssSelector(".file-actual")).Text, Does.Contain("vs forecast"));
        Assert.That(long.Parse(Browser.Driver.FindElement(By.Id("encode-saved")).GetDomAttribute("data-bytes")!, CultureInfo.InvariantCulture), Is.GreaterThan(0));

        // Paused, a retried file is queued and stays there; resumed, it runs again (and fails the same bar again).
        Browser.Click(By.Id("encode-pause"));
        Browser.WaitForVisible(By.CssSelector("#encode-status[data-paused='true']"));
        Browser.Open($"#/encode/{_strictLibrary}");
        var failed = Browser.WaitForVisible(By.CssSelector("#encode-files tr[data-status='failed']"));
        Assert.That(failed.FindElement(By.CssSelector(".file-reasons")).Text, Does.Contain("verification failed: SSIM").And.Contain("quarantine"));
        Browser.Click(By.CssSelector("#encode-files tr[data-status='failed'] .file-retry"));
        var queued = Browser.WaitForVisible(By.CssSelector("#encode-files tr[data-status='queued']"));
        Assert.That(queued.FindElement(By.CssSelector(".file-reasons")).Text, Does.Contain("retry asked by " + TestAccounts.AdminUser));
        Browser.WaitForVisible(By.CssSelector("#encode-queue li[data-status='queued']"));

        Browser.Click(By.Id("encode-resume"));
        Browser.WaitForVisible(By.CssSelector("#encode-status[data-paused='false']"));
        var again = Browser.WaitForVisible(By.CssSelector("#encode-files tr[data-status='failed']"), TimeSpan.FromSeconds(60));
        Assert.That(again.Text, Does.Contain("1 attempt(s)"));

        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    private void Type(string id, string text)
    {
        var input = Browser.WaitForVisible(By.Id(id));
        input.Clear();
        input.SendKeys(text);
    }

    private static T Js<T>(IWebDriver driver, string script)
    {
        var value = ((IJavaScriptExecutor)driver).ExecuteScript(script);
        return value is T typed ? typed : default!;
    }
}
