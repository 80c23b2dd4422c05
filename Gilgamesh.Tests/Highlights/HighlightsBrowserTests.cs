using System.Globalization;
using Gilgamesh.Tests.Dashboard;
using Gilgamesh.Tests.Ingest;
using Gilgamesh.Tests.Support;
using OpenQA.Selenium;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// The highlights page in headless Chromium: from a library item, start highlights, watch the steps' bars, play a clip
/// card, click a transcript line to seek the lecture, move a clip's out point and see only that clip re-render, download
/// the FCPXML, and a phone-width (390 px) screenshot with the clip cards usable.
/// </summary>
public sealed class HighlightsBrowserTests : BrowserFixture
{
    private static readonly TimeSpan Run = TimeSpan.FromMinutes(10);

    [Test]
    public async Task Page_FromALibraryItem_RunsShowsStepsPlaysSeeksMovesAClipAndDownloads()
    {
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);
        var media = (await IngestApi.UploadAsync(App.Http, truth.VideoPath, "lecture.mp4")).Item.Id;
        await HighlightsApi.SupplyCaptionsAsync(App.Http, media, truth.CaptionsPath);

        await Browser.SignInAsync(TestAccounts.AdminUser, AppInstance.AdminPassword);
        Browser.Open($"#/library/{media}");
        Browser.Click(By.Id("make-highlights"));
        Browser.WaitUntil(d => d.FindElements(By.CssSelector($"#highlights-media option[value='{media}']")).FirstOrDefault(), "the lecture offered");
        SetValue("highlights-count", "2");
        SetValue("highlights-min", "8");
        SetValue("highlights-max", "12");
        Browser.SelectOption(Browser.Driver.FindElement(By.Id("highlights-aspect")), "16:9");
        Browser.SelectOption(Browser.Driver.FindElement(By.Id("highlights-subtitles")), "soft");
        Browser.Click(By.Id("highlights-start"));

        // The bars: every step seen, at least one seen part-way, all end at 100.
        var seenMoving = new HashSet<string>();
        Browser.WaitUntil(d =>
        {
            var steps = d.FindElements(By.CssSelector(".hl-step")).Select(s => (Name: s.GetDomAttribute("data-step") ?? "", State: s.GetDomAttribute("data-state"),
                Percent: double.Parse(s.GetDomAttribute("data-percent") ?? "0", CultureInfo.InvariantCulture))).ToList();
            foreach (var s in steps.Where(s => s.State == "running" || (s.Percent > 0 && s.Percent < 100))) seenMoving.Add(s.Name);
            return steps.Count >= 9 && steps.All(s => s.State == "succeeded") ? "done" : null;
        }, "every step's bar at 100", Run);
        Assert.That(seenMoving, Is.Not.Empty, "a bar was seen moving");
        Assert.That(Browser.Driver.FindElements(By.CssSelector(".hl-step")).Select(s => s.GetDomAttribute("data-step")),
            Is.SupersetOf(new[] { "pipeline", "silence", "transcript", "layout", "slides", "content", "finish" }));

        // Play the first clip card.
        var cards = Browser.WaitUntil(d => d.FindElements(By.CssSelector(".hl-clip[data-status='rendered'] video")) is { Count: 2 } v ? v : null, "two playable cards", Run);
        Js<object>("const v = document.querySelector('.hl-clip video'); v.muted = true; v.play();");
        Browser.WaitUntil(_ => Js<double?>("return document.querySelector('.hl-clip video').currentTime;") is > 0.3 ? "playing" : null, "the clip plays");

        // A transcript line seeks the lecture.
        var line = Browser.WaitUntil(d => d.FindElements(By.CssSelector(".hl-sentence")).ElementAtOrDefault(5), "transcript lines");
        var target = double.Parse(line.GetDomAttribute("data-start")!, CultureInfo.InvariantCulture);
        line.Click();
        Browser.WaitUntil(_ => Math.Abs((Js<double?>("return document.getElementById('hl-source').currentTime;") ?? -1) - target) < 1 ? "seeked" : null, "the lecture seeks");

        // Move the second clip's out point a second later: only that card re-renders.
        var second = Browser.Driver.FindElements(By.CssSelector(".hl-clip"))[1];
        var (movedId, keptId) = (second.GetDomAttribute("data-clip-id")!, Browser.Driver.FindElements(By.CssSelector(".hl-clip"))[0].GetDomAttribute("data-clip-id")!);
        var keptSrc = Browser.Driver.FindElement(By.CssSelector($".hl-clip[data-clip-id='{keptId}'] video")).GetDomAttribute("src");
        var outInput = second.FindElement(By.CssSelector(".hl-out"));
        var newOut = double.Parse(outInput.GetDomProperty("value")!, CultureInfo.InvariantCulture) + 1;
        Js<object>($"const i = document.querySelector(\".hl-clip[data-clip-id='{movedId}'] .hl-out\"); i.value = '{newOut.ToString(CultureInfo.InvariantCulture)}';");
        Browser.Click(By.CssSelector($".hl-clip[data-clip-id='{movedId}'] .hl-rerender"));
        Browser.WaitForVisible(By.CssSelector($".hl-clip[data-clip-id='{movedId}'][data-revision='2'][data-status='rendered'] video"), Run);
        var kept = Browser.Driver.FindElement(By.CssSelector($".hl-clip[data-clip-id='{keptId}']"));
        Assert.That((kept.GetDomAttribute("data-revision"), kept.FindElement(By.CssSelector("video")).GetDomAttribute("src")?.Split('?')[0]),
            Is.EqualTo(("1", keptSrc?.Split('?')[0])), "the other clip was not re-rendered");

        // The FCPXML download link answers the document.
        var fcpxml = Browser.Driver.FindElement(By.CssSelector(".hl-download[data-name='reel.fcpxml']")).GetDomAttribute("href")!;
        var text = (string?)((IJavaScriptExecutor)Browser.Driver).ExecuteAsyncScript(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0], { credentials: 'same-origin' }).then(r => r.text()).then(done, e => done(String(e)));", fcpxml);
        Assert.That(text, Does.Contain("<fcpxml").And.Contain("asset-clip"));

        // At phone width the cards stack and nothing runs off the screen.
        Browser.Driver.Manage().Window.Size = new System.Drawing.Size(390, 844);
        var overflow = Browser.WaitUntil(_ => Js<object>("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")?.ToString(), "phone layout");
        Js<object>("document.querySelector('.hl-clip').scrollIntoView();");
        var screenshot = Browser.SaveScreenshot("highlights-phone-390px");
        Assert.Multiple(() =>
        {
            Assert.That(overflow, Is.EqualTo("0"), "nothing runs off a phone screen");
            Assert.That(Js<bool>("const r = document.querySelector('.hl-clip video').getBoundingClientRect(); return r.width > 200 && r.right <= document.documentElement.clientWidth;"),
                Is.True, "a clip's player fills the phone's width");
            Assert.That(screenshot, Is.Not.Null.And.Matches<string>(File.Exists));
            Assert.That(cards, Has.Count.EqualTo(2));
        });
        Browser.AssertNoErrorBanners();
    }

    private void SetValue(string id, string value) =>
        Js<object>($"const i = document.getElementById('{id}'); i.value = '{value}'; i.dispatchEvent(new Event('input', {{ bubbles: true }}));");

    private T Js<T>(string script)
    {
        var value = ((IJavaScriptExecutor)Browser.Driver).ExecuteScript(script);
        if (value is T typed) return typed;
        if (typeof(T) == typeof(double?) && value is long l) return (T)(object)(double?)l;
        return default!;
    }
}
