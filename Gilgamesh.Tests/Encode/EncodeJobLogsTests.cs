using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Encode;

/// <summary>Issue 13 item 6 for <c>encode/file</c>: the job reads by its title and its log names the encoder command, what it did and its time.</summary>
[NonParallelizable]
public sealed class EncodeJobLogsTests
{
    [Test]
    public async Task FileJob_LogsTheFfmpegEncodeWithArgumentsAndItsOutcome_AndIsNamedAfterTheFile()
    {
        using var root = new TempDirectory("gilgamesh-encode-logs");
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Encode:Roots:0"] = root.Path,
            ["Encode:StableSeconds"] = "0",
        });
        var folder = Directory.CreateDirectory(root.Combine("clips")).FullName;
        await EncodeMedia.HighBitrateH264Async(Path.Combine(folder, "logged.mp4"));
        using var created = await app.Http.PostAsJsonAsync("/api/v1/encode/libraries", new
        {
            name = "logged", folders = new[] { folder },
            profile = new { codec = "hevc", encoder = "auto", quality = 30, speed = "ultrafast", maxBitrateKbps = 1500, thresholds = new { minSsim = 0.8 } },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var dryRun = await app.Http.PostAsync($"/api/v1/encode/libraries/{id}/dry-run", null))
            Assert.That(dryRun.IsSuccessStatusCode, Is.True, await dryRun.Content.ReadAsStringAsync());
        using (var start = await app.Http.PostAsync($"/api/v1/encode/libraries/{id}/start", null))
            Assert.That(start.IsSuccessStatusCode, Is.True, await start.Content.ReadAsStringAsync());

        Guid? jobId = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); jobId is null && DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            using var list = JsonDocument.Parse(await app.Http.GetStringAsync("/api/v1/jobs?module=encode&pageSize=100"));
            jobId = list.RootElement.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("title").GetString() == "encode · logged.mp4").Select(i => (Guid?)i.GetProperty("id").GetGuid()).FirstOrDefault();
        }
        Assert.That(jobId, Is.Not.Null, "the encode job listed under its title");
        var done = await JobApi.WaitForStatusAsync(app.Http, jobId!.Value, "succeeded", TimeSpan.FromMinutes(3));
        var messages = done.Logs!.Select(l => l.Message).ToList();
        TestContext.Out.WriteLine(string.Join('\n', messages));

        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Some.Contains("encode/file"));
            Assert.That(messages, Has.Some.Matches<string>(m => m.StartsWith("ffmpeg ", StringComparison.Ordinal) && m.Contains("-c:v ", StringComparison.Ordinal)),
                "the encoder's ffmpeg command with its arguments");
            // encode/file reports no stages yet (FileEncoder is the encode module's to change): what it did and the total time.
            Assert.That(messages, Has.Some.StartsWith("Encoded ").And.Some.Contains("logged.mp4"), "what the job did");
            Assert.That(messages, Has.Some.StartsWith("succeeded in "));
        });
        using var session = await TestAccounts.SignInAsync(app.BaseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);
        Assert.That(WebUtility.HtmlDecode(await session.GetStringAsync($"/hangfire/jobs/details/{done.HangfireJobId}")),
            Does.Contain("encode · logged.mp4"), "the Hangfire console");
    }
}
