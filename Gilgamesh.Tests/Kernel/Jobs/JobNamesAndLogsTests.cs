using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Jobs;

/// <summary>Readable job names in the list, the detail and the Hangfire console; job logs tell what ran.</summary>
public sealed class JobNamesAndLogsTests : AppFixture
{
    [Test]
    public async Task SelfTest_ShowsItsTitleEverywhere_AndItsLogNamesTheFfmpegCommandAndStages()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/jobs/selftest", new { durationSeconds = 1, realtime = false });
        var done = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded");

        Assert.That(done.Title, Is.EqualTo("self-test · 1 s clip"));
        Assert.That(done.OwnerName, Is.EqualTo(TestAccounts.AdminUser));
        var messages = done.Logs!.Select(l => l.Message).ToList();
        Assert.That(messages, Has.Some.StartsWith("ffmpeg ").And.Some.Contains("testsrc"), "the helper program with its arguments");
        Assert.That(messages, Has.Some.StartsWith("stage verifying (after rendering:"), "stages with timings");
        Assert.That(messages, Has.Some.StartsWith("succeeded in "));

        using var list = JsonDocument.Parse(await App.Http.GetStringAsync("/api/v1/jobs?module=platform"));
        Assert.That(list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()),
            Has.Member("self-test · 1 s clip"));

        using var session = await TestAccounts.SignInAsync(App.BaseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);
        var console = await session.GetStringAsync($"/hangfire/jobs/details/{done.HangfireJobId}");
        Assert.That(WebUtility.HtmlDecode(console), Does.Contain("self-test · 1 s clip"), "Hangfire's console shows the same name");
    }

    [Test]
    public async Task FailedJob_LogsItsErrorCode()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 1, sourceKey = "probe/missing.bin" });
        var failed = await JobApi.WaitForAsync(App.Http, job.Id, JobApi.IsFinal, TimeSpan.FromSeconds(90), "a final status");

        Assert.That(failed.Logs!.Where(l => l.Level == "error").Select(l => l.Message), Has.Some.Contains(failed.ErrorCode!));
    }

    [Test]
    public void ProgressPart_MapsAnEngines0To1IntoItsSlice_SoNoCallerRescales()
    {
        // The transcript's engine reports 0–1; through Part(0.6, 0.99) the job's bar runs 60 % → 99 %, not 60 % → 60.4 %.
        var recorded = new List<double>();
        var root = new RecordingProgress(recorded);
        var transcript = root.Part(0.6, 0.99);
        foreach (var p in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }) transcript.Report(p);

        Assert.That(recorded, Is.EqualTo(new[] { 0.6, 0.6975, 0.795, 0.8925, 0.99 }).Within(1e-9));
        var nested = root.Part(0.5, 1).Part(0.5, 1);
        nested.Report(0.5);
        Assert.That(recorded[^1], Is.EqualTo(0.875).Within(1e-9));
    }

    private sealed class RecordingProgress(List<double> values) : IJobProgress
    {
        public void Report(double value) => values.Add(value);
        public void Report(double fraction, string? stage) => values.Add(fraction);
        public void Stage(string stage) { }
        public IJobProgress Part(double from, double to) => new JobProgressPart(this, from, to);
        public void Log(string message, string level = "info") { }
    }
}
