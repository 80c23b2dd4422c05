using System.Net;
using System.Text;
using Gilgamesh.Modules.Kernel.Storage;
using Gilgamesh.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>What an operator does in the Hangfire console is mirrored in the jobs users see.</summary>
public sealed class HangfireConsoleTests : AppFixture
{
    private IBackgroundJobClient Hangfire => App.Services.GetRequiredService<IBackgroundJobClient>();

    [Test]
    public async Task Console_RequeueOfAFailedJob_RunsItAgain()
    {
        var store = App.Services.GetRequiredService<IObjectStore>();
        var key = $"probe/sources/{Guid.NewGuid():N}.mp4";
        await store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("garbage")), null, CancellationToken.None);
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 3, sourceKey = key });
        var failed = await JobApi.WaitForStatusAsync(App.Http, job.Id, "failed");
        await using (var clip = File.OpenRead(await MediaGenerator.VideoWithToneAsync()))
            await store.PutAsync(key, clip, null, CancellationToken.None);

        Assert.That(Hangfire.Requeue(failed.HangfireJobId!), Is.True, "the console's Requeue button");

        var done = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded");
        Assert.That(done.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task Console_DeleteOfARunningJob_CancelsIt()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 60, realtime = true });
        var running = await JobApi.WaitForAsync(App.Http, job.Id, j => j is { Status: "running", Percent: > 1 }, what: "running");

        Assert.That(Hangfire.Delete(running.HangfireJobId!), Is.True, "the console's Delete button");

        await JobApi.WaitForStatusAsync(App.Http, job.Id, "cancelled", TimeSpan.FromSeconds(10));
        Assert.That(FfmpegProcesses.WithArgument(App.DataDir), Is.Empty);
    }

    [Test]
    public async Task Cancel_OfAQueuedJob_EndsCancelledAndDeletesItInHangfire()
    {
        // A web-only instance: nothing here works on the media queue, so the render stays queued.
        await using var webOnly = await AppInstance.StartAsync(settings: new Dictionary<string, string?> { ["Jobs:Queues"] = "default" });
        var job = await JobApi.PostAsync(webOnly.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        await Task.Delay(500);
        Assert.That((await JobApi.GetAsync(webOnly.Http, job.Id)).Status, Is.EqualTo("queued"));

        using var response = await webOnly.Http.PostAsync($"/api/v1/jobs/{job.Id}/cancel", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await JobApi.GetAsync(webOnly.Http, job.Id)).Status, Is.EqualTo("cancelled"));
        using var connection = webOnly.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.That(connection.GetStateData(job.HangfireJobId!)?.Name, Is.EqualTo("Deleted"));
    }

    [Test]
    public void Module_RecurringJob_IsRegisteredWithHangfire()
    {
        using var connection = App.Services.GetRequiredService<JobStorage>().GetConnection();

        var recurring = connection.GetRecurringJobs();

        Assert.That(recurring.Select(r => r.Id), Does.Contain("probe-housekeeping"));
    }
}
