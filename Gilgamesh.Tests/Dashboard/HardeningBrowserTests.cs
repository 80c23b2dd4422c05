using System.Net;
using System.Text;
using System.Text.Json;
using Gilgamesh.Tests.Support;
using OpenQA.Selenium;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// Issue 13 item 13 in headless Chromium, one defect per test: cancel asks first; the forced password change leads
/// onward; the audio waveform fills its panel (and the media page fits a phone, screenshot at 390 px); a failed upload
/// is retried from where it stopped; an unfinished upload's card resumes it with the same file or deletes it; "Run all"
/// and the optional analyses on upload per media kind.
/// </summary>
public sealed class HardeningBrowserTests : BrowserFixture
{
    private const int PhoneWidth = 390;

    private ApiSession _admin = null!;
    private TempDirectory _media = null!;

    protected override async Task OnStartedAsync()
    {
        _admin = await ApiSession.SignInAsync(App.BaseAddress, TestAccounts.AdminUser, AppInstance.AdminPassword);
        _media = new TempDirectory("hardening-browser");
    }

    protected override ValueTask OnStoppingAsync()
    {
        _admin?.Dispose();
        _media?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Test]
    public async Task JobDetail_Cancel_AsksFirst_KeepItRunningLeavesItRunning_AndYesStopsIt()
    {
        var job = await JobApi.PostAsync(_admin.Http, "/api/v1/jobs/selftest", new { durationSeconds = 30 });
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open($"#/jobs/{job.Id}");
        Browser.WaitForVisible(By.CssSelector(".job-detail .job-status[data-status='running']"), TimeSpan.FromSeconds(30));

        Browser.Click(By.Id("cancel-job"));
        var question = Browser.WaitForVisible(By.Id("cancel-confirm"));
        Assert.Multiple(() =>
        {
            Assert.That(question.Text, Does.Contain("Stop this job?"));
            Assert.That(Browser.Driver.FindElement(By.Id("cancel-job")).Displayed, Is.False, "the question replaces the button");
        });
        Browser.Click(By.Id("keep-running"));
        Browser.WaitForVisible(By.Id("cancel-job"));
        Assert.That(Browser.Driver.FindElement(By.Id("cancel-confirm")).Displayed, Is.False);
        await Task.Delay(1000);
        Assert.That((await JobApi.GetAsync(_admin.Http, job.Id)).Status, Is.EqualTo("running"), "keeping it sent no cancel");

        Browser.Click(By.Id("cancel-job"));
        Browser.Click(By.Id("confirm-cancel"));
        Browser.WaitForVisible(By.CssSelector(".job-detail .job-status[data-status='cancelled']"), TimeSpan.FromSeconds(20));
        Assert.That((await JobApi.GetAsync(_admin.Http, job.Id)).Status, Is.EqualTo("cancelled"), "the server agrees");
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task ForcedPasswordChange_ThenContinue_TakesTheUserToTheHomePage()
    {
        var name = $"erin-{Guid.NewGuid():N}"[..13];
        var (_, generated) = await _admin.CreateUserAsync(name, "editor");
        await Browser.SignInAsync(name, generated!, expectedPath: "/account");
        Browser.WaitForVisible(By.Id("current-password")).SendKeys(generated!);
        Browser.Driver.FindElement(By.Id("new-password")).SendKeys("erin-chose-this-password");
        Browser.Driver.FindElement(By.Id("change-password-submit")).Click();

        Browser.Click(By.Id("continue-to-dashboard"));
        Browser.WaitForVisible(By.CssSelector("body[data-auth='signed-in'] #view[data-path='/home']"));
        Browser.WaitForVisible(By.CssSelector("#home-modules li[data-module='ingest']"));
        Browser.WaitForVisible(By.CssSelector("#nav-links a[href='#/library']")).Click();
        Browser.WaitForVisible(By.Id("upload-zone"));
        Assert.That(Browser.Driver.Url, Does.EndWith("#/library"), "no longer kept on the account page");
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task AudioPage_WaveformFillsItsPanel_AndALongNameFitsAPhone()
    {
        var audio = await GenerateAsync("tone.wav", "-f lavfi -i sine=f=587:d=3 -c:a pcm_s16le");
        var name = "field_recording_" + new string('w', 160) + ".wav";
        var item = (await UploadAsync(_admin.Http, audio, name)).Item;
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open($"#/library/{item.Id}");

        const string measure = """
            const img = document.getElementById('waveform');
            if (!img || !img.complete || img.naturalWidth === 0) return null;
            const panel = img.parentElement, style = getComputedStyle(panel);
            const inner = panel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return JSON.stringify([img.getBoundingClientRect().width, inner, img.naturalWidth,
              document.documentElement.scrollWidth, window.innerWidth]);
            """;
        var wide = Browser.WaitUntil(d => ((IJavaScriptExecutor)d).ExecuteScript(measure) as string, "the waveform loaded");
        Browser.Driver.Manage().Window.Size = new System.Drawing.Size(PhoneWidth, 844);
        var phone = Browser.WaitUntil(d => ((IJavaScriptExecutor)d).ExecuteScript(measure) as string is { } m
            && JsonSerializer.Deserialize<double[]>(m)![4] <= PhoneWidth ? m : null, "the layout at phone width");
        var screenshot = Browser.SaveScreenshot("media-phone-390px");
        TestContext.Out.WriteLine($"desktop [width, panel, natural, scrollWidth, innerWidth] {wide}; phone {phone}");

        var (w, p) = (JsonSerializer.Deserialize<double[]>(wide)!, JsonSerializer.Deserialize<double[]>(phone)!);
        Assert.Multiple(() =>
        {
            Assert.That(w[0], Is.EqualTo(w[1]).Within(1), "at 1280 px the waveform spans its panel");
            Assert.That(w[0], Is.Not.EqualTo(w[2]).Within(1), "scaled, not shown at the PNG's own width");
            Assert.That(p[0], Is.EqualTo(p[1]).Within(1), "at 390 px too");
            Assert.That(p[3], Is.LessThanOrEqualTo(p[4]), "nothing runs off a phone screen (document scrollWidth <= innerWidth)");
            Assert.That(screenshot, Is.Not.Null.And.Matches<string>(File.Exists));
            Assert.That(new FileInfo(screenshot!).Length, Is.GreaterThan(5000), "a real picture, not an empty page");
        });
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task FailedUpload_WhenTheConnectionDropsMidFile_SimulatedInThePage_RetryResumesAndTheBytesHashRight()
    {
        var video = await LargeVideoAsync("dropped.mkv", 311);
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open("#/library");
        Browser.WaitForVisible(By.Id("upload-zone"));
        // Every chunk after the first fails like a lost connection while window.dropChunks is set; all PUTs are counted.
        Browser.Driver.ExecuteScript("""
            window.dropChunks = true; window.chunkPuts = [];
            const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
            XMLHttpRequest.prototype.open = function (method, url, ...rest) { this.target = [method, String(url)]; return open.call(this, method, url, ...rest); };
            XMLHttpRequest.prototype.send = function (body) {
              const [method, url] = this.target ?? [];
              const chunk = method === 'PUT' ? /\/chunks\/(\d+)/.exec(url) : null;
              if (chunk && window.dropChunks && chunk[1] !== '0') { setTimeout(() => this.onerror?.(new ProgressEvent('error')), 10); return; }
              if (chunk) window.chunkPuts.push(Number(chunk[1]));
              return send.call(this, body);
            };
            """);
        Browser.Driver.FindElement(By.Id("upload-input")).SendKeys(video);

        var retry = By.CssSelector("#upload-list li.upload[data-status='failed'][data-code='network.unreachable'] button.upload-retry");
        Browser.WaitForVisible(retry, TimeSpan.FromSeconds(30));
        Browser.Driver.ExecuteScript("window.dropChunks = false;");
        Browser.Click(retry);
        var row = Browser.WaitForVisible(By.CssSelector("#upload-list li.upload[data-status='done'][data-media-id]"), TimeSpan.FromSeconds(30));
        var mediaId = Guid.Parse(row.GetDomAttribute("data-media-id")!);
        var puts = JsonSerializer.Deserialize<int[]>((string)Browser.Driver.ExecuteScript("return JSON.stringify(window.chunkPuts);")!)!;

        var item = await GetItemAsync(_admin.Http, mediaId);
        Assert.Multiple(() =>
        {
            Assert.That(puts.Count(i => i == 0), Is.EqualTo(1), $"chunk 0 went once; the retry sent only what was missing ({string.Join(", ", puts)})");
            Assert.That(puts, Does.Contain(1));
            Assert.That(item.Status, Is.EqualTo("ready"));
            Assert.That(item.Sha256, Is.EqualTo(Sha256Of(video)), "the stored bytes are the file's");
        });
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task UnfinishedUploadCard_ResumeWithTheSameFile_CompletesIt_AndDeleteRemovesAnother()
    {
        var video = await LargeVideoAsync("resumed.mkv", 277);
        var bytes = await File.ReadAllBytesAsync(video);
        var started = await CreateSessionAsync(_admin.Http, Path.GetFileName(video), bytes.Length, 4 * 1024 * 1024);
        await PutChunkAsync(_admin.Http, started, bytes, 0);
        var abandoned = await CreateSessionAsync(_admin.Http, "abandoned.mp4", 600_000, 262_144);

        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open("#/library");
        var card = $"#library-grid div.media-card[data-status='receiving'][data-media-id='{started.MediaId}']";
        Browser.WaitForVisible(By.CssSelector(card + " .card-resume"));
        Browser.Driver.FindElement(By.CssSelector(card + " input.card-resume-input")).SendKeys(video);
        Browser.WaitForVisible(By.CssSelector($"#upload-list li.upload[data-status='done'][data-media-id='{started.MediaId}']"), TimeSpan.FromSeconds(30));
        Browser.WaitForVisible(By.CssSelector($"#library-grid a.media-card[data-status='ready'][data-media-id='{started.MediaId}']"));

        var session = await GetSessionAsync(_admin.Http, started.Id);
        var item = await GetItemAsync(_admin.Http, started.MediaId!.Value);
        Assert.Multiple(() =>
        {
            Assert.That(session.Status, Is.EqualTo("completed"));
            Assert.That(session.ChunkWrites, Is.EqualTo(session.ChunkCount), "the chunk the server had was not sent again");
            Assert.That(item.Sha256, Is.EqualTo(Sha256Of(video)));
        });

        var other = $"#library-grid div.media-card[data-status='receiving'][data-media-id='{abandoned.MediaId}']";
        Browser.Click(By.CssSelector(other + " button.card-delete"));
        Browser.Click(By.CssSelector(other + " button.card-delete-confirm"));
        Browser.WaitUntil(d => d.FindElements(By.CssSelector(other)).Count == 0 ? "gone" : null, "the deleted card gone");
        using (var gone = await _admin.Http.GetAsync($"/api/v1/ingest/items/{abandoned.MediaId}"))
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using (var sessionGone = await _admin.Http.GetAsync($"/api/v1/ingest/uploads/sessions/{abandoned.Id}"))
            Assert.That(sessionGone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "its session went with it");
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task AnalyseOnUpload_QueuesTheAnalysesOfEachMediaKind_AndRunAllRunsEveryAnalysisInOneJob()
    {
        var video = await GenerateAsync("upload-video.mp4",
            "-f lavfi -i testsrc2=s=320x180:r=25:d=3 -f lavfi -i sine=f=349:d=3 -shortest -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac");
        var image = await GenerateAsync("upload-image.png", "-f lavfi -i smptebars=s=320x240 -frames:v 1");
        var audio = await GenerateAsync("upload-audio.wav", "-f lavfi -i sine=f=392:d=2 -c:a pcm_s16le");
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open("#/library");
        var analyse = Browser.WaitForVisible(By.Id("analyse-on-upload"));
        if (!analyse.Selected) analyse.Click();
        Browser.Driver.FindElement(By.Id("upload-input")).SendKeys(string.Join('\n', video, image, audio));
        Browser.WaitUntil(d => d.FindElements(By.CssSelector("#upload-list li.upload[data-status='done']")).Count == 3 ? "done" : null,
            "three uploads done", TimeSpan.FromSeconds(30));
        Browser.WaitUntil(d => d.FindElements(By.CssSelector("#upload-list li.upload .upload-state"))
            .Count(s => s.Text.Contains("analyses queued", StringComparison.Ordinal)) == 2 ? "queued" : null, "analyses queued for two uploads");

        var titles = await AnalysisTitlesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(titles, Has.Member("scenes + OCR · upload-video.mp4"), "video: scenes and their text");
            Assert.That(titles, Has.Member("OCR · upload-image.png"), "image: its text");
            Assert.That(titles.Where(t => t.EndsWith("upload-audio.wav", StringComparison.Ordinal)), Is.Empty, "audio: nothing without a speech model");
        });

        // Run all on the video once captions are there: one job for scenes, OCR and the transcript.
        var videoId = Guid.Parse(Browser.Driver.FindElement(By.CssSelector("#upload-list li.upload[data-name='upload-video.mp4']")).GetDomAttribute("data-media-id")!);
        using (var captions = new StringContent("1\n00:00:00,300 --> 00:00:01,800\nRun all of it\n", Encoding.UTF8, "text/plain"))
        using (var put = await _admin.Http.PutAsync($"/api/v1/ingest/media/{videoId}/captions?format=srt", captions))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Browser.Open($"#/library/{videoId}");
        Browser.WaitUntil(d => d.FindElement(By.Id("run-transcript")).Enabled ? "on" : null, "Transcribe on once captions exist");
        Browser.Click(By.Id("run-all"));
        Browser.WaitForVisible(By.CssSelector("#analysis-progress .job-progress[data-state='succeeded']"), TimeSpan.FromSeconds(90));
        Browser.WaitForVisible(By.CssSelector("#keyframes button.keyframe"));
        Browser.WaitForVisible(By.CssSelector("#transcript button.segment"));
        Assert.That(await AnalysisTitlesAsync(), Has.Member("scenes + OCR + transcript · upload-video.mp4"), "one job for all three");
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task SceneModeSelect_WhenSlidesIsChosen_TheJobRunsInThatMode_AndReadsByItsNameInTheListAndOnItsPage()
    {
        var video = await GenerateAsync("modes.mp4", "-f lavfi -i testsrc2=s=320x180:r=25:d=2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p");
        var item = (await UploadAsync(_admin.Http, video)).Item;
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open($"#/library/{item.Id}");
        Browser.SelectOption(Browser.WaitForVisible(By.Id("scene-mode")), "slides");
        Browser.Click(By.Id("run-scenes"));
        Browser.WaitForVisible(By.CssSelector("#analysis-progress .job-progress[data-state='succeeded']"), TimeSpan.FromSeconds(60));

        using var list = JsonDocument.Parse(await _admin.Http.GetStringAsync("/api/v1/jobs?module=ingest&pageSize=100"));
        var jobId = list.RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("title").GetString() == "scenes · modes.mp4").GetProperty("id").GetGuid();
        using var job = JsonDocument.Parse(await _admin.Http.GetStringAsync($"/api/v1/jobs/{jobId}"));
        Assert.That(job.RootElement.GetProperty("input").GetProperty("scene_mode").GetString(), Is.EqualTo("slides"));

        // The job by its readable name in the list and on its page, with its owner and a link back to the item.
        Browser.Open("#/jobs?module=ingest");
        var row = Browser.WaitForVisible(By.CssSelector($"tr.job-row[data-job-id='{jobId}']"));
        Assert.That(row.Text, Does.Contain("scenes · modes.mp4"));
        Browser.Open($"#/jobs/{jobId}");
        Browser.WaitUntil(d => d.FindElement(By.Id("job-title")).Text == "scenes · modes.mp4" ? "named" : null, "the job page's title");
        Assert.Multiple(() =>
        {
            Assert.That(Browser.Driver.FindElement(By.CssSelector("dd[data-field='owner']")).Text, Is.EqualTo(TestAccounts.AdminUser));
            Assert.That(Browser.Driver.FindElement(By.Id("job-subject")).GetDomAttribute("href"), Is.EqualTo($"#/library/{item.Id}"));
        });
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task LibraryPage_AtPhoneWidth_WithLongUnbrokenNamesInTheUploadListAndTheGrid_DoesNotOverflow()
    {
        var longName = "whiteboard_" + new string('z', 180) + ".png";
        var image = await GenerateAsync(longName, "-f lavfi -i mandelbrot=s=320x240 -frames:v 1");
        var receiving = await CreateSessionAsync(_admin.Http, "unfinished_" + new string('u', 180) + ".mp4", 600_000, 262_144);
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Driver.Manage().Window.Size = new System.Drawing.Size(PhoneWidth, 844);
        Browser.Open("#/library");
        Browser.WaitForVisible(By.CssSelector($"#library-grid div.media-card[data-media-id='{receiving.MediaId}']"));
        Browser.Driver.FindElement(By.Id("upload-input")).SendKeys(image);
        Browser.WaitForVisible(By.CssSelector("#upload-list li.upload[data-status='done']"), TimeSpan.FromSeconds(30));
        Browser.WaitForVisible(By.CssSelector("#library-grid a.media-card[data-kind='image'] img.media-preview"));

        var widths = JsonSerializer.Deserialize<double[]>((string)Browser.Driver.ExecuteScript("""
            const widest = Math.max(...[...document.querySelectorAll('#upload-list li.upload, #library-grid .media-card')]
              .map((e) => e.getBoundingClientRect().right));
            const bar = document.querySelector('#upload-list li.upload .upload-progress').getBoundingClientRect().width;
            return JSON.stringify([document.documentElement.scrollWidth, window.innerWidth, widest, bar]);
            """)!)!;
        var screenshot = Browser.SaveScreenshot("library-phone-390px");
        TestContext.Out.WriteLine($"[scrollWidth, innerWidth, rightmost row or card, upload bar width] {string.Join(", ", widths)}");
        Assert.Multiple(() =>
        {
            Assert.That(widths[0], Is.LessThanOrEqualTo(widths[1]), "document scrollWidth <= innerWidth");
            Assert.That(widths[2], Is.LessThanOrEqualTo(widths[1]), "every upload row and card ends inside the screen");
            Assert.That(widths[3], Is.GreaterThan(widths[1] / 2), "the upload's progress bar keeps room beside the long name");
            Assert.That(screenshot, Is.Not.Null.And.Matches<string>(File.Exists));
        });
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    private async Task<List<string>> AnalysisTitlesAsync()
    {
        using var list = JsonDocument.Parse(await _admin.Http.GetStringAsync("/api/v1/jobs?module=ingest&pageSize=100"));
        return list.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "analyze").Select(i => i.GetProperty("title").GetString()!).ToList();
    }

    /// <summary>Uncompressed 320x240 video of 120 frames (about 13.8 MB: more than one 8 MB chunk), a tone per test so no upload is a duplicate.</summary>
    private Task<string> LargeVideoAsync(string name, int toneHz) => GenerateAsync(name,
        $"-f lavfi -i testsrc2=s=320x240:r=25 -f lavfi -i sine=f={toneHz} -t 4.8 -c:v rawvideo -pix_fmt yuv420p -c:a pcm_s16le");

    private async Task<string> GenerateAsync(string name, string arguments)
    {
        var path = _media.Combine(name);
        if (!File.Exists(path)) await MediaTools.Runner.RunAsync($"-y {arguments} \"{path}\"");
        return path;
    }
}
