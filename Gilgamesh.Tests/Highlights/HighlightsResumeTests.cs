using Gilgamesh.Tests.Ingest;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// Resuming a highlights pipeline: a step that fails once (the <c>Highlights:FaultDrillStep</c> drill fails it after its
/// work, the worst moment) is retried and the run completes with one set of clips, each rendered once; kill -9 of the
/// app while stage 2 runs (its renders), then a restart on the same database and data dir, completes the run.
/// </summary>
[NonParallelizable]
public sealed class HighlightsResumeTests
{
    [TestCase("content")]
    [TestCase("render")]
    public async Task Run_WhenAStepFailsOnceAfterItsWork_RetriesAndCompletesWithoutDuplicateClips(string step)
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?> { ["Highlights:FaultDrillStep"] = step });
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);
        var media = (await IngestApi.UploadAsync(app.Http, truth.VideoPath, "lecture.mp4")).Item.Id;
        await HighlightsApi.SupplyCaptionsAsync(app.Http, media, truth.CaptionsPath);

        var result = await HighlightsApi.RunAsync(app.Http, new { mediaId = media, clipCount = 2, minSeconds = 8, maxSeconds = 14, aspect = "16:9", subtitles = "none" });

        var pipeline = await JobApi.GetAsync(app.Http, result.JobId!.Value);
        var steps = pipeline.Steps!;
        var drilled = steps.Where(s => s.StepName == step || s.StepName.StartsWith(step + "[", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("succeeded"));
            Assert.That(drilled.All(s => s.Attempts == 2 && s.Status == "succeeded"), Is.True, string.Join(", ", drilled.Select(s => $"{s.StepName} {s.Status} x{s.Attempts}")));
            Assert.That(result.Clips.Select(c => c.Rank), Is.EqualTo(new[] { 1, 2 }), "one set of clips");
            Assert.That(steps.Count(s => s.Kind == "render"), Is.EqualTo(2), "one render step per clip");
            Assert.That(steps.Where(s => s.StepName is "silence" or "transcript" or "layout" or "slides").All(s => s.Attempts == 1), Is.True, "stage 1 ran once");
            Assert.That(result.Clips.All(c => c.Status == "rendered" && c.Revision == 1), Is.True);
            Assert.That(result.Log, Has.Some.Contains("fault drill"));
        });
    }

    [Test]
    public async Task Run_WhenTheAppIsKilledInStageTwo_CompletesAfterARestart()
    {
        var database = await TestDatabase.CreateAsync("highlights-crash");
        using var dir = new TempDirectory("gilgamesh-highlights-crash");
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);
        var app = await AppProcess.StartAsync(dir.Path, database);
        HighlightsApi.Created created;
        try
        {
            var media = (await IngestApi.UploadAsync(app.Http, truth.VideoPath, "lecture.mp4")).Item.Id;
            await HighlightsApi.SupplyCaptionsAsync(app.Http, media, truth.CaptionsPath);
            created = await HighlightsApi.StartAsync(app.Http, new { mediaId = media, clipCount = 3, minSeconds = 8, maxSeconds = 20, aspect = "9:16", subtitles = "burned" });
            // Stage 2 is under way once a render step runs (content, the fan-in, has succeeded and fanned out).
            await JobApi.WaitForAsync(app.Http, created.JobId,
                j => j.Steps?.Any(s => s.Kind == "render" && s.Status == "running") == true, TimeSpan.FromMinutes(8), "a render step running");
            await app.KillAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }

        await using var restarted = await AppProcess.StartAsync(dir.Path, database);
        await JobApi.WaitForStatusAsync(restarted.Http, created.JobId, "succeeded", TimeSpan.FromMinutes(10));
        var result = await HighlightsApi.GetAsync(restarted.Http, created.Id);
        var steps = (await JobApi.GetAsync(restarted.Http, created.JobId)).Steps!;

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("succeeded"));
            Assert.That(result.Clips.Select(c => c.Rank), Is.EqualTo(new[] { 1, 2, 3 }), "one set of clips");
            Assert.That(result.Clips.All(c => c.Status == "rendered" && c.VideoUrl is not null), Is.True);
            Assert.That(steps.Count(s => s.Kind == "render"), Is.EqualTo(3), "one render step per clip");
            Assert.That(steps.Where(s => s.Kind == "render").Max(s => s.Attempts), Is.GreaterThanOrEqualTo(2), "an interrupted render was taken back");
            Assert.That(steps.Single(s => s.StepName == "content").Attempts, Is.EqualTo(1), "stage 2's analysis was not redone");
        });
    }
}
