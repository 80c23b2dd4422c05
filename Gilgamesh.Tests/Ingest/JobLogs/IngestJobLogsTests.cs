using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gilgamesh.Tests.Support;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Ingest.JobLogs;

/// <summary>
/// Issue 13 item 6 for the ingest module's job kinds (analyze with each analysis, previews): each job's log names the
/// helper programs it ran with their arguments and its stages with timings, and the job reads by a readable name in the
/// list, the detail (owner, link to the item) and the Hangfire console. Process-links is in <c>LinkJobLogsTests</c>.
/// </summary>
public sealed class IngestJobLogsTests : AppFixture
{
    [Test]
    public async Task AnalyzeJob_ScenesAndOcr_LogsFfmpegAndTesseractWithArguments_AndTimedStages_AndIsNamedEverywhere()
    {
        var name = $"lecture-{Guid.NewGuid():N}"[..16] + ".mp4";
        var item = (await UploadAsync(App.Http, await SecondVideoAsync(), name)).Item;

        var job = await StartAnalysesAsync(item.Id, new { analyses = new[] { "scenes", "ocr" } });
        var done = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded", TimeSpan.FromSeconds(120));
        var messages = done.Logs!.Select(l => l.Message).ToList();
        TestContext.Out.WriteLine(string.Join('\n', messages));

        Assert.Multiple(() =>
        {
            Assert.That(done.Title, Is.EqualTo($"scenes + OCR · {name}"));
            Assert.That(done.OwnerName, Is.EqualTo(TestAccounts.AdminUser));
            Assert.That(done.SubjectHref, Is.EqualTo($"#/library/{item.Id}"), "the detail links to the media item");
            Assert.That(messages, Has.Some.Contains("ingest/analyze").And.Some.Contains(name), "who started what");
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("ffmpeg ", StringComparison.Ordinal) && m.Contains("-i ", StringComparison.Ordinal)),
                "ffmpeg with its arguments");
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("tesseract ", StringComparison.Ordinal) && m.Contains("--psm", StringComparison.Ordinal)),
                "tesseract with its arguments");
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("stage ocr (after scenes: ", StringComparison.Ordinal)),
                "the scenes stage with its timing");
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("succeeded in ", StringComparison.Ordinal)));
        });
        await AssertNamedInListAndHangfireAsync(done);
    }

    [Test]
    public async Task AnalyzeJob_TranscriptFromSuppliedCaptions_LogsItsTimedStages_AndIsNamedAfterTheItem()
    {
        var name = $"talk-{Guid.NewGuid():N}"[..13] + ".mp4";
        var item = (await UploadAsync(App.Http, await MediaGenerator.VideoWithToneAsync(), name)).Item;
        using (var captions = new StringContent("1\n00:00:00,500 --> 00:00:01,500\nHello there\n", Encoding.UTF8, "text/plain"))
        using (var put = await App.Http.PutAsync($"/api/v1/ingest/media/{item.Id}/captions?format=srt", captions))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());

        var job = await StartAnalysesAsync(item.Id, new { analyses = new[] { "transcript" } });
        var done = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded", TimeSpan.FromSeconds(90));
        var messages = done.Logs!.Select(l => l.Message).ToList();
        TestContext.Out.WriteLine(string.Join('\n', messages));

        Assert.Multiple(() =>
        {
            Assert.That(done.Title, Is.EqualTo($"transcript · {name}"));
            Assert.That(messages, Has.Some.Contains("ingest/analyze"));
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("stage done (after transcript: ", StringComparison.Ordinal)),
                "the transcript stage with its timing");
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("succeeded in ", StringComparison.Ordinal)));
        });
        await AssertNamedInListAndHangfireAsync(done);
    }

    [Test]
    public async Task PreviewsJob_AfterAVideoUpload_LogsTheContactSheetsFfmpegCommand_AndIsNamedAfterTheItem()
    {
        var name = $"clip-{Guid.NewGuid():N}"[..13] + ".mp4";
        var item = (await UploadAsync(App.Http, await MediaGenerator.VideoOnlyAsync(), name)).Item;

        var title = $"contact sheet · {name}";
        var listed = await PollAsync(async () =>
        {
            using var list = JsonDocument.Parse(await App.Http.GetStringAsync("/api/v1/jobs?module=ingest&pageSize=100"));
            return list.RootElement.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("title").GetString() == title).Select(i => i.GetProperty("id").GetGuid()).Cast<Guid?>().FirstOrDefault();
        }, "the previews job listed under its title");
        var done = await JobApi.WaitForStatusAsync(App.Http, listed, "succeeded", TimeSpan.FromSeconds(90));
        var messages = done.Logs!.Select(l => l.Message).ToList();
        TestContext.Out.WriteLine(string.Join('\n', messages));

        Assert.Multiple(() =>
        {
            Assert.That(done.Kind, Is.EqualTo("previews"));
            Assert.That(done.SubjectHref, Is.EqualTo($"#/library/{item.Id}"));
            Assert.That(messages, Has.Some.Contains("ingest/previews"));
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("ffmpeg ", StringComparison.Ordinal) && m.Contains("tile=", StringComparison.Ordinal)),
                "the contact sheet's ffmpeg command with its arguments");
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("succeeded in ", StringComparison.Ordinal)));
        });
        await AssertNamedInListAndHangfireAsync(done);
    }

    private async Task<JobApi.Job> StartAnalysesAsync(Guid mediaId, object body)
    {
        using var response = await App.Http.PostAsJsonAsync($"/api/v1/ingest/media/{mediaId}/analyses", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        return JsonSerializer.Deserialize<JobApi.Job>(text, TestJson.Options)!;
    }

    /// <summary>The same title in the jobs list and on the job's page of the Hangfire console (not <c>JobExecutor.RunAsync</c>).</summary>
    private async Task AssertNamedInListAndHangfireAsync(JobApi.Job job)
    {
        using var list = JsonDocument.Parse(await App.Http.GetStringAsync("/api/v1/jobs?module=ingest&pageSize=100"));
        Assert.That(list.RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == job.Id).GetProperty("title").GetString(), Is.EqualTo(job.Title), "the list");

        using var session = await TestAccounts.SignInAsync(App.BaseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);
        var console = WebUtility.HtmlDecode(await session.GetStringAsync($"/hangfire/jobs/details/{job.HangfireJobId}"));
        Assert.That(console, Does.Contain(job.Title!), "the Hangfire console");
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> read, string what) where T : struct
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await read() is { } value) return value;
            await Task.Delay(200);
        }
        Assert.Fail($"timed out waiting for {what}");
        return default;
    }
}
