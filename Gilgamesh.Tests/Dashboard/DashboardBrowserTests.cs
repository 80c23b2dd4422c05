using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium against a real host (PostgreSQL, Hangfire, ffmpeg): what an
/// operator clicks, through the hooks the pages keep for tests (ids, data-status, data-percent).
/// Every test signs in through the dashboard's own form first; API calls go through signed-in cookie clients.
/// </summary>
public sealed class DashboardBrowserTests : BrowserFixture
{
    private const string Admin = "admin";

    private ApiSession _admin = null!;

    protected override async Task OnStartedAsync() =>
        _admin = await ApiSession.SignInAsync(App.BaseAddress, Admin, AppInstance.AdminPassword);

    protected override ValueTask OnStoppingAsync()
    {
        _admin?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Test]
    public async Task JobsPage_RunSelfTest_BarReachesHundredAndStatusSucceeded()
    {
        await Browser.SignInAsync(Admin, AppInstance.AdminPassword);
        Browser.Open("#/jobs");
        var button = Browser.WaitForVisible(By.Id("run-selftest"));
        // Wait until the first list load is done, so jobs that were already there are not taken for the new one.
        Browser.WaitUntil(d => d.FindElement(By.Id("jobs-loading")).Displayed ? null : "loaded", "jobs list loaded");
        var before = Browser.Driver.FindElements(By.CssSelector("tr.job-row"))
            .Select(r => r.GetDomAttribute("data-job-id")).ToHashSet();

        button.Click();
        var clock = Stopwatch.StartNew();
        var jobId = Browser.WaitUntil(d => d.FindElements(By.CssSelector("tr.job-row"))
            .Select(r => r.GetDomAttribute("data-job-id")).OfType<string>().FirstOrDefault(id => !before.Contains(id)), "a new job row")!;

        var seen = new List<double>();
        var liveModes = new HashSet<string>();
        string? status = null;
        var deadline = TimeSpan.FromSeconds(60);
        while (clock.Elapsed < deadline)
        {
            var sample = ReadRow(jobId);
            if (sample is { } s)
            {
                if (seen.Count == 0 || seen[^1] != s.Percent) seen.Add(s.Percent);
                status = s.Status;
                liveModes.Add(s.Live);
                if (s.Percent >= 100 && s.Status == "succeeded") break;
                if (s.Status is "failed" or "cancelled") break;
            }
            Thread.Sleep(100);
        }
        TestContext.Out.WriteLine($"Job {jobId}: {status} after {clock.Elapsed.TotalSeconds:F1} s; bar values {string.Join(", ", seen)}; live modes {string.Join(", ", liveModes)}");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo("succeeded"), $"status of the new row within {deadline.TotalSeconds} s");
            Assert.That(seen.Where(p => p is > 0 and < 100), Is.Not.Empty,
                $"the bar showed progress between 0 and 100 on the way; it showed {string.Join(", ", seen)}");
            Assert.That(seen.LastOrDefault(), Is.EqualTo(100), "the bar ends full");
            Assert.That(liveModes, Does.Contain("ws"), "the row followed the job over its WebSocket");
        });
        var row = Browser.Driver.FindElement(By.CssSelector($"tr.job-row[data-job-id='{jobId}']"));
        Assert.That(row.FindElement(By.CssSelector(".job-status")).Text, Is.EqualTo("Succeeded"));
        // The fill is sized through the CSSOM (allowed by style-src 'self'); after its transition it spans the bar.
        Browser.WaitUntil(_ => Browser.Driver.ExecuteScript(
            """
            const bar = document.querySelector(`tr.job-row[data-job-id="${arguments[0]}"] .job-progress`);
            const fill = bar.querySelector('.bar-fill').getBoundingClientRect().width;
            return fill > 0 && Math.abs(fill - bar.clientWidth) < 1 ? 'full' : null;
            """, jobId) as string, "the bar drawn full", TimeSpan.FromSeconds(5));
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task JobDetail_WithoutWebSocket_FollowsTheJobByPollingToSucceededAndShowsItsLogLine()
    {
        // A browser (or proxy) without WebSocket: the page must fall back to polling GET /jobs/{id}.
        Browser.Driver.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument",
            new Dictionary<string, object?> { ["source"] = "window.WebSocket = undefined;" });
        // Long enough to be still running when the page opens after sign-in, even on a loaded machine.
        var job = await JobApi.PostAsync(_admin.Http, "/api/v1/jobs/selftest", new { durationSeconds = 12 });

        await Browser.SignInAsync(Admin, AppInstance.AdminPassword);
        Browser.Open($"#/jobs/{job.Id}");
        Browser.WaitForVisible(By.CssSelector(".job-detail[data-live='poll']"), TimeSpan.FromSeconds(30));
        var percents = new SortedSet<double>();
        Browser.WaitUntil(d =>
        {
            percents.Add(double.Parse(d.FindElement(By.CssSelector(".job-detail .job-progress")).GetDomAttribute("data-percent")!,
                System.Globalization.CultureInfo.InvariantCulture));
            return d.FindElements(By.CssSelector(".job-detail .job-status[data-status='succeeded']")).Count > 0 ? "done" : null;
        }, "succeeded through polling", TimeSpan.FromSeconds(60));

        Assert.That(percents.Count(p => p is > 0 and < 100), Is.GreaterThanOrEqualTo(2), $"the bar moved while polling: {string.Join(", ", percents)}");
        // The job logs several lines (start, ffmpeg's command, stages); the one that says what it stored must be among them.
        var stored = Browser.WaitUntil(d => d.FindElements(By.CssSelector("#job-logs .log-line"))
            .Select(l => l.Text).FirstOrDefault(t => t.Contains("Stored", StringComparison.Ordinal)), "the job's stored-file log line");
        Assert.That(stored, Does.Contain("sha256"), "the job's log line");
        Browser.AssertNoErrorBanners();
    }

    [Test]
    public async Task JobDetail_OfAFailedJob_ShowsItsErrorCodeAndStderrExcerpt_AndOffersRetry()
    {
        var key = $"probe/sources/{Guid.NewGuid():N}.mp4";
        await App.Services.GetRequiredService<Gilgamesh.Modules.Kernel.Storage.IObjectStore>()
            .PutAsync(key, new MemoryStream("not a video at all"u8.ToArray()), "video/mp4", CancellationToken.None);
        var job = await JobApi.PostAsync(_admin.Http, "/api/v1/probe/renders", new { durationSeconds = 3, sourceKey = key });
        await JobApi.WaitForStatusAsync(_admin.Http, job.Id, "failed");

        await Browser.SignInAsync(Admin, AppInstance.AdminPassword);
        Browser.Open($"#/jobs/{job.Id}");
        var error = Browser.WaitForVisible(By.Id("job-error"));

        Assert.That(error.FindElement(By.CssSelector(".error-code")).Text, Is.EqualTo("media.ffmpeg_failed"));
        Assert.That(error.FindElement(By.CssSelector(".error-message")).Text, Does.Contain("Invalid data found").Or.Contain("moov atom not found"));
        Assert.That(Browser.WaitForVisible(By.Id("retry-job")).Displayed, Is.True);
        Assert.That(Browser.Driver.FindElement(By.Id("cancel-job")).Displayed, Is.False);
    }

    [Test]
    public async Task JobDetail_CancelButton_StopsARunningSelfTest()
    {
        var job = await JobApi.PostAsync(_admin.Http, "/api/v1/jobs/selftest", new { durationSeconds = 30 });

        await Browser.SignInAsync(Admin, AppInstance.AdminPassword);
        Browser.Open($"#/jobs/{job.Id}");
        Browser.WaitForVisible(By.CssSelector(".job-detail .job-status[data-status='running']"), TimeSpan.FromSeconds(30));
        // Mid-render rather than just started: ffmpeg has reported progress.
        Browser.WaitUntil(d => double.Parse(d.FindElement(By.CssSelector(".job-detail .job-progress")).GetDomAttribute("data-percent")!,
            System.Globalization.CultureInfo.InvariantCulture) > 0 ? "rendering" : null, "the bar moving past 0", TimeSpan.FromSeconds(15));
        // Live updates come over the job's WebSocket; polling is only the fallback when it cannot open.
        Browser.WaitForVisible(By.CssSelector(".job-detail[data-live='ws']"));
        Browser.WaitForVisible(By.Id("cancel-job")).Click();
        Browser.Click(By.Id("confirm-cancel")); // cancel asks first

        Browser.WaitForVisible(By.CssSelector(".job-detail .job-status[data-status='cancelled']"), TimeSpan.FromSeconds(15));
        Assert.That(Browser.WaitForVisible(By.Id("retry-job")).Displayed, Is.True, "retry offered for a cancelled job");
        Assert.That(Browser.Driver.FindElement(By.Id("cancel-job")).Displayed, Is.False, "no cancel for a finished job");

        var stored = await JobApi.GetAsync(_admin.Http, job.Id);
        Assert.That(stored.Status, Is.EqualTo("cancelled"), "the server agrees");
        Assert.That(stored.Percent, Is.LessThan(100));
        Assert.That(FfmpegProcesses.WithArgument(App.DataDir), Is.Empty, "no ffmpeg left behind");
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task Navigation_ShowsModuleEntriesAndToolLinks()
    {
        await Browser.SignInAsync(Admin, AppInstance.AdminPassword);
        Browser.Open("#/jobs");
        var probe = Browser.WaitForVisible(By.CssSelector("#nav-links a[href='#/probe']"));
        var jobs = Browser.Driver.FindElement(By.CssSelector("#nav-links a[href='#/jobs']"));

        Assert.Multiple(() =>
        {
            Assert.That(jobs.Text, Is.EqualTo("Jobs"));
            Assert.That(jobs.GetDomAttribute("aria-current"), Is.EqualTo("page"), "Jobs is the current page");
            Assert.That(probe.Text, Is.EqualTo("Probe"));
            Assert.That(probe.GetDomAttribute("data-module"), Is.EqualTo("probe"));
            Assert.That(Browser.Driver.FindElement(By.Id("link-hangfire")).GetDomProperty("href"),
                Is.EqualTo(new Uri(App.BaseAddress, "/hangfire").ToString()));
            Assert.That(Browser.Driver.FindElement(By.Id("link-api")).GetDomProperty("href"),
                Is.EqualTo(new Uri(App.BaseAddress, "/api").ToString()));
        });

        // The tool links lead somewhere real (for an admin's session).
        foreach (var path in new[] { "/hangfire", "/api" })
        {
            using var response = await _admin.Http.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}");
        }

        probe.Click();
        var panel = Browser.WaitForVisible(By.CssSelector("#view .coming-soon[data-module='probe']"));
        Assert.Multiple(() =>
        {
            Assert.That(Browser.Driver.Url, Does.EndWith("#/probe"));
            Assert.That(panel.FindElement(By.TagName("h1")).Text, Is.EqualTo("Probe"));
            Assert.That(panel.Text, Does.Contain("coming soon"));
            Assert.That(Browser.Driver.FindElement(By.CssSelector("#nav-links a[href='#/probe']")).GetDomAttribute("aria-current"),
                Is.EqualTo("page"));
        });
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task ConsoleCheck_InlineScriptBlockedByCsp_IsReportedAsSevere()
    {
        // Guards the other tests' "no SEVERE console entries" check: a CSP violation must show up in it.
        await Browser.SignInAsync(Admin, AppInstance.AdminPassword);
        Browser.Open("#/jobs");
        Browser.WaitForVisible(By.Id("run-selftest"));
        Browser.Driver.ExecuteScript("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.append(s);");

        var severe = Browser.WaitUntil(_ => Browser.ConsoleEntries().FirstOrDefault(e => e.Level == LogLevel.Severe), "a SEVERE console entry");
        Assert.That(severe.Message, Does.Contain("Content Security Policy"));
        Assert.That(Browser.Driver.ExecuteScript("return window.inlineRan === true;"), Is.False, "the inline script did not run");
    }

    [Test]
    public async Task SignIn_SeeOnlyOwnJobs_SignOut_BackToSignIn()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (nameA, nameB) = ($"alice-{suffix}", $"bob-{suffix}");
        const string passwordA = "alice-password-for-tests", passwordB = "bob-password-for-tests";
        await _admin.CreateUserAsync(nameA, "editor", passwordA);
        await _admin.CreateUserAsync(nameB, "editor", passwordB);

        // B starts a self-test through the API with B's own session.
        using var b = await ApiSession.SignInAsync(App.BaseAddress, nameB, passwordB);
        var jobB = await JobApi.PostAsync(b.Http, "/api/v1/jobs/selftest");
        using (var console = await b.Http.GetAsync("/hangfire"))
            Assert.That(console.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the Hangfire console is for admins only");

        // A signs in in the browser and starts one through the UI.
        await Browser.SignInAsync(nameA, passwordA);
        Assert.Multiple(() =>
        {
            Assert.That(Browser.Driver.FindElement(By.Id("user-name")).Text, Is.EqualTo(nameA));
            Assert.That(Browser.Driver.FindElement(By.Id("user-role")).Text, Is.EqualTo("editor"));
            Assert.That(Browser.Driver.FindElement(By.Id("link-hangfire")).Displayed, Is.False, "no Hangfire link for an editor");
            Assert.That(Browser.Driver.FindElements(By.CssSelector("#nav-links a[href='#/users'], #nav-links a[href='#/audit']")), Is.Empty,
                "no admin pages in an editor's navigation");
        });
        Browser.WaitUntil(d => d.FindElement(By.Id("jobs-loading")).Displayed ? null : "loaded", "jobs list loaded");
        Browser.WaitForVisible(By.Id("run-selftest")).Click();
        var jobA = Browser.WaitUntil(d => d.FindElements(By.CssSelector("tr.job-row")).Select(r => r.GetDomAttribute("data-job-id"))
            .OfType<string>().FirstOrDefault(), "A's new job row")!;

        // Reload: the rows now come from the server's list alone, which for an editor holds only their own jobs.
        Browser.Driver.Navigate().Refresh();
        Browser.WaitForVisible(By.CssSelector($"tr.job-row[data-job-id='{jobA}']"));
        Assert.That(Browser.Driver.FindElements(By.CssSelector($"tr.job-row[data-job-id='{jobB.Id}']")), Is.Empty, "B's job is not listed for A");
        var all = await _admin.Http.GetStringAsync("/api/v1/jobs?pageSize=100");
        Assert.That(all, Does.Contain(jobB.Id.ToString()).And.Contain(jobA), "the admin sees both jobs");

        Browser.Driver.FindElement(By.Id("sign-out")).Click();
        Browser.WaitForVisible(By.Id("sign-in-user"));
        Assert.That(Browser.Driver.Url, Does.EndWith("#/sign-in"));
        Assert.That(Browser.Driver.FindElement(By.Id("user-menu")).Displayed, Is.False, "no user menu once signed out");

        Browser.Open("#/jobs");
        Browser.WaitForVisible(By.Id("sign-in-user"));
        Assert.Multiple(() =>
        {
            Assert.That(Browser.Driver.Url, Does.Contain("#/sign-in?return="), "sent to sign-in, remembering where to return");
            Assert.That(Browser.Driver.FindElements(By.CssSelector("tr.job-row")), Is.Empty, "no jobs shown when signed out");
        });
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public void SignIn_WithWrongPassword_ShowsTheSameMessageAsUnknownUser()
    {
        Browser.Open("#/jobs");
        Browser.FillSignInForm(Admin, "not-the-admin-password");
        var wrongPassword = Browser.WaitForVisible(By.Id("sign-in-error")).Text;

        Browser.FillSignInForm($"nobody-{Guid.NewGuid():N}"[..20], "not-the-admin-password");
        // The message is the same text, so wait for the request to finish rather than for a change.
        Browser.WaitUntil(d => d.FindElement(By.Id("sign-in-submit")).Enabled && d.FindElement(By.Id("sign-in-error")).Displayed ? "done" : null,
            "the second attempt answered");
        var unknownUser = Browser.Driver.FindElement(By.Id("sign-in-error")).Text;

        Assert.Multiple(() =>
        {
            Assert.That(wrongPassword, Is.EqualTo("Wrong user name or password."));
            Assert.That(unknownUser, Is.EqualTo(wrongPassword), "nothing tells a wrong password from an unknown user");
            Assert.That(Browser.Driver.Url, Does.Contain("#/sign-in"), "still on the sign-in page");
            Assert.That(Browser.Driver.FindElement(By.Id("sign-in-password")).GetDomProperty("value"), Is.Empty, "the password field was cleared");
        });
        // The 401s themselves appear in the console as failed loads; no script error or CSP violation may.
        var severe = Browser.ConsoleEntries().Where(e => e.Level == LogLevel.Severe && !e.Message.Contains("auth/sign-in")).Select(e => e.Message);
        Assert.That(severe, Is.Empty);
        Browser.AssertNoErrorBanners();
    }

    [Test]
    public async Task Account_MustChangePassword_ThenCreateKeyShownOnce_AndRevoke()
    {
        var name = $"carol-{Guid.NewGuid():N}"[..14];
        var (_, generated) = await _admin.CreateUserAsync(name, "editor");
        Assert.That(generated, Is.Not.Null.And.Not.Empty, "a generated first password");

        // A generated password must be replaced first: sign-in lands on the account page with a notice.
        await Browser.SignInAsync(name, generated!, expectedPath: "/account");
        Browser.WaitForVisible(By.Id("must-change-password"));
        Browser.Open("#/jobs");
        Browser.WaitUntil(d => d.Url.EndsWith("#/account", StringComparison.Ordinal) ? "back" : null, "kept on #/account until the password changes");
        Browser.WaitForVisible(By.Id("current-password")).SendKeys(generated!);
        Browser.Driver.FindElement(By.Id("new-password")).SendKeys("carol-chose-this-password");
        Browser.Driver.FindElement(By.Id("change-password-submit")).Click();
        Browser.WaitForVisible(By.CssSelector("#password-message[data-kind='ok']"));
        Assert.That(Browser.Driver.FindElement(By.Id("must-change-password")).Displayed, Is.False, "the notice is gone");

        Browser.WaitForVisible(By.Id("key-name")).SendKeys("backup script");
        Browser.SelectOption(Browser.Driver.FindElement(By.Id("key-role")), "viewer");
        Browser.Driver.FindElement(By.Id("create-key")).Click();
        var key = Browser.WaitForVisible(By.Id("new-key-value")).GetDomProperty("value")!;
        var revoke = Browser.WaitForVisible(By.CssSelector(".revoke-key[data-key-id]"));
        Assert.That(Browser.Driver.FindElement(By.CssSelector(".secret-warning")).Text, Does.Contain("will not be shown again"));
        Browser.SaveScreenshot("account");

        using var keyed = new HttpClient { BaseAddress = App.BaseAddress };
        keyed.DefaultRequestHeaders.Add("X-Api-Key", key);
        using (var ok = await keyed.GetAsync("/api/v1/jobs")) Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new key works");

        var keyId = revoke.GetDomAttribute("data-key-id");
        revoke.Click();
        Browser.Driver.SwitchTo().Alert().Accept();
        Browser.WaitForVisible(By.CssSelector($"tr.key-row[data-key-id='{keyId}'][data-state='revoked']"));
        using (var gone = await keyed.GetAsync("/api/v1/jobs")) Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a revoked key is refused");
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task UsersPage_AdminCreatesUserAndChangesRole_AuditShowsIt()
    {
        await Browser.SignInAsync(Admin, AppInstance.AdminPassword);
        Browser.WaitForVisible(By.CssSelector("#nav-links a[href='#/users']")).Click();
        var name = $"dave-{Guid.NewGuid():N}"[..13];
        Browser.WaitForVisible(By.Id("new-user-name")).SendKeys(name);
        Browser.SelectOption(Browser.Driver.FindElement(By.Id("new-user-role")), "editor");
        Browser.Driver.FindElement(By.Id("create-user")).Click();
        var password = Browser.WaitForVisible(By.Id("new-user-password")).GetDomProperty("value");
        var row = Browser.WaitForVisible(By.CssSelector($"tr.user-row[data-user-name='{name}']"));
        var userId = row.GetDomAttribute("data-user-id");
        Assert.That(password, Has.Length.GreaterThanOrEqualTo(10), "the generated password is shown once");

        Browser.SelectOption(row.FindElement(By.CssSelector("select.user-role")), "viewer");
        // The table reloads from the server after each change, so look the row up afresh.
        Browser.WaitUntil(d => d.FindElement(By.CssSelector($"tr.user-row[data-user-id='{userId}'] select.user-role"))
            .GetDomProperty("value") == "viewer" && d.FindElement(By.CssSelector($"tr.user-row[data-user-id='{userId}'] select.user-role")).Enabled
            ? "saved" : null, "the role change saved");
        var users = await _admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/users");
        Assert.That(users.EnumerateArray().Single(u => u.GetProperty("id").GetString() == userId).GetProperty("role").GetString(), Is.EqualTo("viewer"));

        Browser.Driver.FindElement(By.CssSelector("#nav-links a[href='#/audit']")).Click();
        Browser.WaitForVisible(By.CssSelector("tr.audit-row[data-kind='user.role_changed']"));
        Assert.That(Browser.Driver.FindElements(By.CssSelector("tr.audit-row[data-kind='user.created']")), Is.Not.Empty);

        // An admin can list everyone's keys on the account page, each with its owner.
        using (var created = await _admin.Http.PostAsJsonAsync("/api/v1/keys", new { name = "admin's key" }))
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Browser.Driver.FindElement(By.Id("user-name")).Click();
        Browser.WaitForVisible(By.Id("keys-all")).Click();
        Browser.WaitUntil(d => d.FindElements(By.CssSelector("tr.key-row")).Any(r => r.FindElements(By.TagName("td")).FirstOrDefault()?.Text == Admin)
            ? "listed" : null, "everyone's keys, with owners");
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task Viewer_SeesNoActions_AndAdminPagesAreRefused()
    {
        var name = $"vera-{Guid.NewGuid():N}"[..13];
        const string password = "vera-password-for-tests";
        await _admin.CreateUserAsync(name, "viewer", password);

        await Browser.SignInAsync(name, password);
        Browser.WaitUntil(d => d.FindElement(By.Id("jobs-loading")).Displayed ? null : "loaded", "jobs list loaded");
        Assert.Multiple(() =>
        {
            Assert.That(Browser.Driver.FindElement(By.Id("run-selftest")).Displayed, Is.False, "a viewer cannot start jobs");
            Assert.That(Browser.Driver.FindElement(By.Id("user-role")).Text, Is.EqualTo("viewer"));
        });

        Browser.Open("#/users");
        var refused = Browser.WaitForVisible(By.CssSelector("#view [data-code='auth.forbidden']"));
        Assert.That(refused.Text, Does.Contain("Your role does not allow this"));
        Browser.AssertNoErrorBanners();
        Browser.AssertNoSevereConsoleEntries();
    }

    private (double Percent, string Status, string Live)? ReadRow(string jobId)
    {
        var values = Browser.Driver.ExecuteScript(
            """
            const row = document.querySelector(`tr.job-row[data-job-id="${arguments[0]}"]`);
            if (!row) return null;
            return [row.querySelector('.job-progress').dataset.percent, row.querySelector('.job-status').dataset.status, row.dataset.live ?? ''];
            """, jobId) as IReadOnlyList<object>;
        if (values is null) return null;
        return (double.Parse((string)values[0], System.Globalization.CultureInfo.InvariantCulture), (string)values[1], (string)values[2]);
    }
}
