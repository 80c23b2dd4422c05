using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Gilgamesh.Modules.Kernel.Storage;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>The probe module's job through the API, on a real host with real Hangfire, PostgreSQL and ffmpeg.</summary>
public sealed class JobLifecycleTests : AppFixture
{
    private IObjectStore Store => App.Services.GetRequiredService<IObjectStore>();

    [Test]
    public async Task RenderJob_EnqueuedThroughApi_RunsFfmpegAndWritesOutputToStorage()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 3 });
        Assert.That(job.Status, Is.EqualTo("queued"));

        var done = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded");

        Assert.That(done.Percent, Is.EqualTo(100));
        var render = await App.Http.GetFromJsonAsync<RenderDto>($"/api/v1/probe/renders/{job.Id}", TestJson.Options);
        Assert.That(render!.DurationSeconds, Is.EqualTo(3).Within(0.1));
        await using var stored = await Store.OpenReadAsync(render.OutputKey, null, CancellationToken.None);
        var sha = Convert.ToHexString(await SHA256.HashDataAsync(stored)).ToLowerInvariant();
        Assert.That(sha, Is.EqualTo(render.Sha256), "the object in storage is the one the job recorded");
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(App.DataDir, "tmp")), Is.Empty, "scratch folder removed");
    }

    [Test]
    public async Task Cancel_InMidRun_StopsFfmpegAndEndsCancelled()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 60, realtime = true });
        await JobApi.WaitForAsync(App.Http, job.Id, j => j is { Status: "running", Percent: > 1 }, what: "running past 1%");
        Assert.That(FfmpegProcesses.WithArgument(App.DataDir), Is.Not.Empty, "ffmpeg is running for the job");

        using var response = await App.Http.PostAsync($"/api/v1/jobs/{job.Id}/cancel", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var cancelled = await JobApi.WaitForStatusAsync(App.Http, job.Id, "cancelled", TimeSpan.FromSeconds(10));
        Assert.That(cancelled.Percent, Is.LessThan(50));
        Assert.That(FfmpegProcesses.WithArgument(App.DataDir), Is.Empty, "no ffmpeg left behind");
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(App.DataDir, "tmp")), Is.Empty, "scratch folder removed");
    }

    [Test]
    public async Task FfmpegFailure_EndsFailedWithCodeAndStderr_ThenRetrySucceeds()
    {
        var key = $"probe/sources/{Guid.NewGuid():N}.mp4";
        await Store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("not a video at all")), "video/mp4", CancellationToken.None);

        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 3, sourceKey = key });
        var failed = await JobApi.WaitForStatusAsync(App.Http, job.Id, "failed");

        Assert.That(failed.ErrorCode, Is.EqualTo("media.ffmpeg_failed"));
        Assert.That(failed.ErrorMessage, Does.Contain("Invalid data found").Or.Contain("moov atom not found"), "stderr excerpt");
        Assert.That(failed.Attempts, Is.EqualTo(1), "bad input is not retried automatically");

        await using (var clip = File.OpenRead(await MediaGenerator.VideoWithToneAsync()))
            await Store.PutAsync(key, clip, "video/mp4", CancellationToken.None);
        using var retry = await App.Http.PostAsync($"/api/v1/jobs/{job.Id}/retry", null);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var succeeded = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded");
        Assert.That(succeeded.ErrorCode, Is.Null);
        Assert.That(succeeded.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task TransientFailure_IsRetriedAutomaticallyAfterTheConfiguredDelay_ThenSucceeds()
    {
        // The test app waits 1 s before each retry (Jobs:RetryDelaysSeconds) and polls for due retries every second.
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 1, transientFailures = 2 });

        var waiting = await JobApi.WaitForAsync(App.Http, job.Id, j => j.Stage?.StartsWith("retrying at") == true,
            TimeSpan.FromSeconds(30), "a scheduled retry");
        Assert.That(waiting.Status, Is.EqualTo("queued"), "a job waiting for its retry is not shown as running");
        Assert.That(waiting.ErrorMessage, Does.StartWith("simulated transient failure"), "the failed attempt's error is visible meanwhile");
        var succeeded = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded", TimeSpan.FromSeconds(60));

        Assert.That(succeeded.Attempts, Is.EqualTo(3), "two failed attempts, then the one that worked");
        Assert.That(succeeded.ErrorCode, Is.Null, "success clears the error of the failed attempts");
    }

    [Test]
    public async Task TransientFailure_PastTheConfiguredAttempts_EndsFailedWithTheLastError()
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Jobs:RetryAttempts"] = "2",
        });
        var job = await JobApi.PostAsync(app.Http, "/api/v1/probe/renders", new { durationSeconds = 1, transientFailures = 100 });

        var failed = await JobApi.WaitForStatusAsync(app.Http, job.Id, "failed", TimeSpan.FromSeconds(60));

        Assert.That(failed.Attempts, Is.EqualTo(3), "the first run and Jobs:RetryAttempts = 2 retries, no more");
        Assert.That(failed.ErrorCode, Is.EqualTo("internal.error"));
        Assert.That(failed.ErrorMessage, Does.Contain("simulated transient failure on attempt 3"));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.That((await JobApi.GetAsync(app.Http, job.Id)).Attempts, Is.EqualTo(3), "nothing runs it again");
    }

    [Test]
    public async Task Retry_OfARunningJob_Returns409Problem()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 20, realtime = true });
        await JobApi.WaitForStatusAsync(App.Http, job.Id, "running");

        using var response = await App.Http.PostAsync($"/api/v1/jobs/{job.Id}/retry", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"job.invalid_state\""));
        await App.Http.PostAsync($"/api/v1/jobs/{job.Id}/cancel", null);
        await JobApi.WaitForStatusAsync(App.Http, job.Id, "cancelled");
    }

    [Test]
    public async Task List_FiltersByModuleAndStatus_NewestFirst()
    {
        var first = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        var second = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        await JobApi.WaitForStatusAsync(App.Http, first.Id, "succeeded");
        await JobApi.WaitForStatusAsync(App.Http, second.Id, "succeeded");

        var page = await App.Http.GetFromJsonAsync<PageDto>("/api/v1/jobs?module=probe&status=succeeded&pageSize=200", TestJson.Options);
        var ids = page!.Items.Select(j => j.Id).ToList();
        Assert.That(ids.IndexOf(second.Id), Is.LessThan(ids.IndexOf(first.Id)).And.Not.Negative);
        Assert.That(page.Items.Select(j => j.Module).Distinct(), Is.EqualTo(new[] { "probe" }));

        var none = await App.Http.GetFromJsonAsync<PageDto>("/api/v1/jobs?module=nosuchmodule", TestJson.Options);
        Assert.That(none!.Total, Is.Zero);
    }

    private sealed record RenderDto(Guid JobId, string OutputKey, string Sha256, long SizeBytes, double DurationSeconds);

    private sealed record PageDto(List<JobApi.Job> Items, int Page, int PageSize, long Total);
}
