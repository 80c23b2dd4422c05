using System.Net;
using Gilgamesh.Tests.Ingest;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// Issue 13 item 6 for the highlights pipeline: the pipeline reads by its title in the API and the Hangfire console,
/// and each step's own log names the programs it ran with their arguments and its timed stages.
/// </summary>
public sealed class HighlightsJobLogsTests : AppFixture
{
    [Test]
    public async Task Pipeline_OnAGeneratedLecture_IsNamedAfterTheMedia_AndItsStepsLogFfmpegWithArgumentsAndTimedStages()
    {
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);
        var media = (await IngestApi.UploadAsync(App.Http, truth.VideoPath, "logged-lecture.mp4")).Item.Id;
        await HighlightsApi.SupplyCaptionsAsync(App.Http, media, truth.CaptionsPath);

        var created = await HighlightsApi.StartAsync(App.Http, new { mediaId = media, clipCount = 1, aspect = "16:9", subtitles = "none" });
        var pipeline = await JobApi.WaitForStatusAsync(App.Http, created.JobId, "succeeded", TimeSpan.FromMinutes(6));
        Assert.That(pipeline.Steps, Is.Not.Null.And.Not.Empty, "the run is a pipeline of steps");

        var logs = new Dictionary<string, List<string>>();
        foreach (var step in pipeline.Steps!)
            logs[step.StepName] = (await JobApi.GetAsync(App.Http, step.Id)).Logs!.Select(l => l.Message).ToList();
        foreach (var (name, lines) in logs) TestContext.Out.WriteLine($"[{name}]\n  {string.Join("\n  ", lines)}");

        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Title, Is.EqualTo("highlights · logged-lecture.mp4"));
            Assert.That(logs.Values, Has.All.Not.Empty, "every step has a log");
            Assert.That(logs.Values.SelectMany(l => l), Has.Some.Matches<string>(m => m.StartsWith("ffmpeg ", StringComparison.Ordinal) && m.Contains("-i ", StringComparison.Ordinal)),
                "ffmpeg with its arguments in a step's log");
            Assert.That(logs.Values.SelectMany(l => l), Has.Some.Matches<string>(m => m.StartsWith("stage ", StringComparison.Ordinal) && m.Contains(" (after ", StringComparison.Ordinal)),
                "stages with their timings in a step's log");
            Assert.That(logs.Values, Has.All.Some.StartsWith("succeeded in "), "every step says how long it took");
        });
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);
        var firstStep = await JobApi.GetAsync(App.Http, pipeline.Steps![0].Id);
        Assert.That(WebUtility.HtmlDecode(await session.GetStringAsync($"/hangfire/jobs/details/{firstStep.HangfireJobId}")),
            Does.Contain("logged-lecture.mp4"), "the Hangfire console names a step after the media");
    }
}
