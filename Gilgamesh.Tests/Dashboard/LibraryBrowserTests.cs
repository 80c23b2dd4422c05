using System.Text.Json;
using Gilgamesh.Tests.Support;
using OpenQA.Selenium;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// The library pages in headless Chromium against a real host: upload two files through the page's file input
/// (the same handler as drag-and-drop), watch a progress bar per file reach done, see both previews in the grid,
/// drop a third file on the zone (a DragEvent with a DataTransfer), open the video and play and seek it (the signed URL answers Range requests).
/// </summary>
public sealed class LibraryBrowserTests : BrowserFixture
{
    [Test]
    public async Task UploadTwoFiles_ProgressBarsReachDone_PreviewsInGrid_DropAddsAnother_VideoPlaysAndSeeks()
    {
        var video = await MediaGenerator.VideoWithToneAsync();
        var audio = await MediaGenerator.ToneOnlyAsync();
        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open("#/library");
        Browser.WaitForVisible(By.Id("upload-zone"));

        // Several files at once, as a drop would hand them over; chromedriver fills the (visually hidden) input.
        Browser.Driver.FindElement(By.Id("upload-input")).SendKeys(video + "\n" + audio);

        // The rows as one snapshot taken in the page: the list re-renders as uploads progress, so elements
        // found in one poll may be gone by the next read.
        var rows = Browser.WaitUntil(d =>
        {
            var snapshot = JsonSerializer.Deserialize<List<UploadRow>>(Js<string>(d, """
                return JSON.stringify([...document.querySelectorAll('#upload-list li.upload')].map((li) => ({
                  name: li.dataset.name, status: li.dataset.status, percent: li.querySelector('.upload-progress')?.dataset.percent })));
                """), JsonOptions)!;
            return snapshot.Count(r => r.Status == "done") == 2 ? snapshot : null;
        }, "both uploads done", TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(2), "one row per file");
            Assert.That(rows.Select(r => r.Name), Is.EquivalentTo(new[] { Path.GetFileName(video), Path.GetFileName(audio) }));
            Assert.That(rows.Select(r => r.Percent), Is.All.EqualTo("100"));
        });

        // Both cards with a loaded preview image: the video's poster and the audio's waveform.
        Browser.WaitUntil(d => (long)((IJavaScriptExecutor)d).ExecuteScript(
            "return [...document.querySelectorAll('#library-grid a.media-card img.media-preview')].filter(i => i.complete && i.naturalWidth > 0).length;")! >= 2
            ? "loaded" : null, "two previews loaded in the grid");
        var kinds = Browser.Driver.FindElements(By.CssSelector("#library-grid a.media-card")).Select(c => c.GetDomAttribute("data-kind")).ToList();
        Assert.That(kinds, Is.EquivalentTo(new[] { "video", "audio" }));


        // A real drop on the zone: a File built in the page (the video's poster, fetched by its signed URL) in a DataTransfer.
        Browser.Driver.ExecuteScript("""
            const poster = document.querySelector('#library-grid a.media-card[data-kind="video"] img.media-preview').src;
            fetch(poster).then((r) => r.blob()).then((blob) => {
              const data = new DataTransfer();
              data.items.add(new File([blob], 'dropped-poster.jpg', { type: 'image/jpeg' }));
              document.getElementById('upload-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
            });
            """);
        Browser.WaitForVisible(By.CssSelector("#upload-list li.upload[data-name='dropped-poster.jpg'][data-status='done'] .upload-progress[data-percent='100']"),
            TimeSpan.FromSeconds(20));
        Browser.WaitForVisible(By.CssSelector("#library-grid a.media-card[data-kind='image'] img.media-preview"));

        Browser.Driver.FindElement(By.CssSelector("#library-grid a.media-card[data-kind='video']")).Click();
        Browser.WaitForVisible(By.CssSelector("video#media-player"));
        Browser.Driver.ExecuteScript("const v = document.getElementById('media-player'); v.muted = true; v.play();");
        Browser.WaitUntil(d => Js<double>(d, "const v = document.getElementById('media-player'); return v.readyState >= 2 && v.currentTime > 0.2 ? v.currentTime : 0;") > 0
            ? "playing" : null, "the video playing past 0.2 s", TimeSpan.FromSeconds(20));

        Browser.Driver.ExecuteScript("const v = document.getElementById('media-player'); v.pause(); v.currentTime = 2.5;");
        Browser.WaitUntil(d => Js<bool>(d, "const v = document.getElementById('media-player'); return !v.seeking && Math.abs(v.currentTime - 2.5) < 0.3 && v.readyState >= 2;")
            ? "seeked" : null, "the seek to 2.5 s done", TimeSpan.FromSeconds(10));

        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record UploadRow(string? Name, string? Status, string? Percent);

    private static T Js<T>(IWebDriver driver, string script)
    {
        var value = ((IJavaScriptExecutor)driver).ExecuteScript(script);
        return value switch
        {
            T typed => typed,
            long l when typeof(T) == typeof(double) => (T)(object)(double)l,
            _ => default!,
        };
    }
}
