using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>Issue 13 item 6 for <c>ingest/process-links</c>: the job is named after its URL and logs what each URL gave.</summary>
public sealed class LinkJobLogsTests : LinksFixture
{
    [Test]
    public async Task ProcessLinksJob_LogsEachUrlsOutcomeAndTheFfmpegItRan_AndIsNamedAfterItsUrls()
    {
        var ok = Server.Url($"/media/clip.mp4?case=job-log-{Guid.NewGuid():N}");
        var missing = Server.Url("/missing");
        using var response = await App.Http.PostAsJsonAsync("/api/v1/ingest/process", new { urls = new[] { ok, missing }, options = new { async = true } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        var job = JsonSerializer.Deserialize<JobApi.Job>(text, TestJson.Options)!;

        var done = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded", TimeSpan.FromSeconds(60));
        var logs = done.Logs!;
        TestContext.Out.WriteLine(string.Join('\n', logs.Select(l => $"{l.Level} {l.Message}")));

        Assert.Multiple(() =>
        {
            Assert.That(done.Title, Is.EqualTo("fetch 2 URLs"));
            Assert.That(logs.Select(l => l.Message), Has.Some.Contains("ingest/process-links"));
            Assert.That(logs.Where(l => l.Level == "info").Select(l => l.Message),
                Has.Some.Matches<string>(m => m.StartsWith($"{ok}: 1 item(s) video ", StringComparison.Ordinal)), "the fetched URL and the item it gave");
            Assert.That(logs.Where(l => l.Level == "warning").Select(l => l.Message),
                Has.Some.StartsWith($"{missing}: content.unavailable: "), "the failed URL with its code");
            Assert.That(logs.Select(l => l.Message), Has.Some.Matches<string>(m => m.StartsWith("ffmpeg ", StringComparison.Ordinal)),
                "the preview's ffmpeg command");
            Assert.That(logs.Select(l => l.Message), Has.Some.StartsWith("succeeded in "));
        });

        using var session = await TestAccounts.SignInAsync(App.BaseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);
        Assert.That(WebUtility.HtmlDecode(await session.GetStringAsync($"/hangfire/jobs/details/{done.HangfireJobId}")), Does.Contain("fetch 2 URLs"));
    }
}
