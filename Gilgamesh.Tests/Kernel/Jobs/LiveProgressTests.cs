using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>Progress of a real ffmpeg job, 0 → 100, as WebSocket and SSE clients see it.</summary>
public sealed class LiveProgressTests : AppFixture
{
    [Test]
    public async Task WebSocket_FollowsARenderFromStartToHundredThenCloses()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 3, realtime = true });

        var messages = await LiveProgress.ReadWebSocketAsync(App.BaseAddress, job.Id, TimeSpan.FromSeconds(60), App.AdminKey);

        AssertClimbsToHundred(messages);
    }

    [Test]
    public async Task ServerSentEvents_FollowARenderFromStartToHundredThenEnd()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 3, realtime = true });

        var messages = await LiveProgress.ReadServerSentEventsAsync(App.Http, job.Id, TimeSpan.FromSeconds(60));

        AssertClimbsToHundred(messages);
    }

    [Test]
    public async Task WebSocket_OnAFinishedJob_SendsItsFinalStateAndCloses()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded");

        var messages = await LiveProgress.ReadWebSocketAsync(App.BaseAddress, job.Id, TimeSpan.FromSeconds(10), App.AdminKey);

        Assert.That(messages, Has.Count.EqualTo(1));
        Assert.That(messages[0], Is.EqualTo(new LiveProgress.Message("progress", "succeeded", 100, "done")));
    }

    [Test]
    public async Task Events_OfAnUnknownJob_Return404Problem()
    {
        using var response = await App.Http.GetAsync($"/api/v1/jobs/{Guid.NewGuid()}/events");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"job.not_found\""));
    }

    private static void AssertClimbsToHundred(List<LiveProgress.Message> messages)
    {
        var progress = messages.Where(m => m.Type == "progress").ToList();
        var running = progress.Where(m => m.Status == "running").Select(m => m.Percent!.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(progress.First().Status, Is.AnyOf("queued", "running"), "the feed starts with a snapshot");
            Assert.That(running, Is.Ordered, "percent never goes back");
            Assert.That(running.Count(p => p is > 0 and < 100), Is.GreaterThanOrEqualTo(3), "intermediate progress is streamed");
            Assert.That(progress.Last().Status, Is.EqualTo("succeeded"));
            Assert.That(progress.Last().Percent, Is.EqualTo(100));
        });
    }
}
