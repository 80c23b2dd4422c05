using System.Net;
using System.Net.Http.Json;
using Gilgamesh.Tests.Ingest;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>Issue 13 item 6 for <c>highlights/run</c>: the job reads by its title and its log names the programs it ran and its timed stages.</summary>
public sealed class HighlightsJobLogsTests : AppFixture
{
    private sealed record Created(Guid Id, Guid JobId);

    [Test]
    public async Task RunJob_OnAGeneratedLecture_LogsFfmpegWithArgumentsAndTimedStages_AndIsNamedAfterTheMedia()
    {
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);
        var media = (await IngestApi.UploadAsync(App.Http, truth.VideoPath, "logged-lecture.mp4")).Item.Id;

        using var response = await App.Http.PostAsJsonAsync("/api/v1/highlights",
            new { mediaId = media, clipCount = 2, captions = await File.ReadAllTextAsync(truth.CaptionsPath) });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<Created>(TestJson.Options))!;
        var done = await JobApi.WaitForStatusAsync(App.Http, created.JobId, "succeeded", TimeSpan.FromMinutes(3));
        var messages = done.Logs!.Select(l => l.Message).ToList();
        TestContext.Out.WriteLine(string.Join('\n', messages));

        Assert.Multiple(() =>
        {
            Assert.That(done.Title, Is.EqualTo("highlights · logged-lecture.mp4"));
            Assert.That(messages, Has.Some.Contains("highlights/run"));
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("ffmpeg ", StringComparison.Ordinal) && m.Contains("-i ", StringComparison.Ordinal)),
                "ffmpeg with its arguments");
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("stage ", StringComparison.Ordinal) && m.Contains(" (after ", StringComparison.Ordinal)),
                "stages with their timings");
            Assert.That(messages, Has.Some.StartsWith("succeeded in "));
        });
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);
        Assert.That(WebUtility.HtmlDecode(await session.GetStringAsync($"/hangfire/jobs/details/{done.HangfireJobId}")),
            Does.Contain("highlights · logged-lecture.mp4"), "the Hangfire console");
    }
}
