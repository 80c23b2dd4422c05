using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gilgamesh.Modules.Ingest.Analyses;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Ingest.Analyses;

/// <summary>
/// Issue 13 items 5, 7 and 8, through the API of an app with no speech model installed (none can be downloaded here):
/// a transcript is refused up front with <c>speech.model_missing</c> and the how-to, or fails with it — never a
/// "succeeded" job with nothing; captions download as SRT and VTT and round-trip cue for cue; captions past the media's
/// end are refused with <c>captions.beyond_duration</c>, and cues running past it are clipped.
/// </summary>
public sealed class TranscriptAndCaptionsTests : AppFixture
{
    private const string Srt = "1\n00:00:00,500 --> 00:00:01,250\nFirst words\n\n2\n00:00:01,500 --> 00:00:02,750\nSecond & <last> words\n\n";

    [Test]
    public async Task StartTranscript_WithNoCaptionsAndNoSpeechModel_Is409WithTheCodeAndTheHowTo()
    {
        var item = await FreshVideoAsync();

        using var response = await App.Http.PostAsJsonAsync($"/api/v1/ingest/media/{item.Id}/analyses", new { analyses = new[] { "transcript" } });
        var problem = ParseProblem(await response.Content.ReadAsStringAsync());
        var analyses = await App.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{item.Id}/analyses");
        var unavailable = analyses.GetProperty("transcript_unavailable");

        Assert.Multiple(() =>
        {
            Assert.That((response.StatusCode, problem.Code), Is.EqualTo((HttpStatusCode.Conflict, "speech.model_missing")));
            Assert.That(problem.Detail, Does.Contain("./gilgamesh models pull"));
            Assert.That(unavailable.GetProperty("code").GetString(), Is.EqualTo("speech.model_missing"), "the page can say so before a click");
            Assert.That(unavailable.GetProperty("detail").GetString(), Does.Contain("./gilgamesh models pull"));
        });
    }

    [Test]
    public async Task TranscriptJob_WhenNoModelIsThereAtRunTime_FailsWithTheCode_NeverSucceedsEmpty()
    {
        var item = await FreshVideoAsync();
        // Enqueued past the API's check, as a job queued before the model folder was removed would be.
        var scheduler = App.Services.GetRequiredService<IJobScheduler>();
        var admin = (await App.GetJsonAsync<JsonElement>("/api/v1/auth/me")).GetProperty("user").GetProperty("id").GetGuid();
        var job = await scheduler.EnqueueAsync(AnalyzeMediaJob.Kind, new AnalyzeMediaInput(item.Id, [AnalysisKinds.Transcript]),
            new JobOptions(admin.ToString()));

        var done = await JobApi.WaitForAsync(App.Http, job.Id, j => j.Status is "succeeded" or "failed", TimeSpan.FromSeconds(60), "the end");

        Assert.That((done.Status, done.ErrorCode), Is.EqualTo(("failed", "speech.model_missing")));
        Assert.That(done.ErrorMessage, Does.Contain("./gilgamesh models pull"));
    }

    [Test]
    public async Task Captions_UploadedAsSrt_DownloadAsTheSameSrt_AndAsVttThatRoundTripsToIt()
    {
        var item = await FreshVideoAsync();
        await PutCaptionsAsync(item.Id, Srt, "srt", HttpStatusCode.OK);

        var srt = await DownloadAsync(item.Id, "srt");
        var vtt = await DownloadAsync(item.Id, "vtt");
        await PutCaptionsAsync(item.Id, vtt.Body, "vtt", HttpStatusCode.OK);
        var srtAgain = await DownloadAsync(item.Id, "srt");
        var transcribe = await App.Http.PostAsJsonAsync($"/api/v1/ingest/media/{item.Id}/analyses", new { analyses = new[] { "transcript" } });

        Assert.Multiple(() =>
        {
            Assert.That(srt.Body, Is.EqualTo(Srt), "upload SRT, download SRT: the same text");
            Assert.That(srt.ContentType, Does.StartWith("application/x-subrip"));
            Assert.That(vtt.ContentType, Does.StartWith("text/vtt"));
            Assert.That(vtt.Body, Does.StartWith("WEBVTT\n\n00:00:00.500 --> 00:00:01.250\nFirst words\n"));
            Assert.That(vtt.Body, Does.Contain("Second &amp; &lt;last&gt; words"));
            Assert.That(srtAgain.Body, Is.EqualTo(Srt), "SRT → VTT → SRT is the identity");
            Assert.That(transcribe.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "with captions a transcript needs no model");
        });
    }

    [Test]
    public async Task Captions_OfAnItemWithoutTranscript_Are404_AndABadFormatIs400()
    {
        var item = await FreshVideoAsync();
        using var missing = await App.Http.GetAsync($"/api/v1/ingest/media/{item.Id}/captions");
        using var bad = await App.Http.GetAsync($"/api/v1/ingest/media/{item.Id}/captions?format=ass");
        Assert.That((missing.StatusCode, ParseProblem(await missing.Content.ReadAsStringAsync()).Code),
            Is.EqualTo((HttpStatusCode.NotFound, "captions.not_found")));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Captions_BeyondTheMediasEnd_AreRefusedWithACode_AndCuesRunningPastItAreClipped()
    {
        var item = await FreshVideoAsync();
        var duration = item.DurationSeconds!.Value;

        var far = await PutCaptionsAsync(item.Id, "1\n99999999:00:00,000 --> 99999999:00:05,000\nFrom the far future\n", "srt",
            HttpStatusCode.UnprocessableEntity);
        var analysesAfterRefusal = await App.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{item.Id}/analyses");
        await PutCaptionsAsync(item.Id, "1\n00:00:01,000 --> 00:10:00,000\nRuns long\n", "srt", HttpStatusCode.OK);
        var clipped = (await App.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{item.Id}/analyses")).GetProperty("transcript").GetProperty("segments")[0];

        Assert.Multiple(() =>
        {
            Assert.That(ParseProblem(far).Code, Is.EqualTo("captions.beyond_duration"));
            Assert.That(analysesAfterRefusal.GetProperty("transcript").ValueKind, Is.EqualTo(JsonValueKind.Null), "a refusal changes nothing");
            Assert.That(clipped.GetProperty("start").GetDouble(), Is.EqualTo(1.0));
            Assert.That(clipped.GetProperty("end").GetDouble(), Is.EqualTo(duration).Within(0.001), "clipped to the media's end");
        });
    }

    /// <summary>A video of its own (different bytes each time, so no test sees another's transcript).</summary>
    private async Task<Item> FreshVideoAsync()
    {
        using var folder = new TempDirectory("captions-media");
        var path = folder.Combine("clip.mp4");
        await MediaTools.Runner.RunAsync(FormattableString.Invariant(
            $"-y -f lavfi -i testsrc2=s=320x180:r=10:d=3 -f lavfi -i sine=f={200 + Random.Shared.Next(1000)}:d=3 -shortest -c:v libx264 -preset ultrafast -c:a aac \"{path}\""));
        return (await UploadAsync(App.Http, path)).Item;
    }

    private async Task<string> PutCaptionsAsync(Guid id, string text, string format, HttpStatusCode expected)
    {
        using var content = new StringContent(text, Encoding.UTF8, "text/plain");
        using var response = await App.Http.PutAsync($"/api/v1/ingest/media/{id}/captions?format={format}&language=en", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        return body;
    }

    private async Task<(string Body, string ContentType)> DownloadAsync(Guid id, string format)
    {
        using var response = await App.Http.GetAsync($"/api/v1/ingest/media/{id}/captions?format={format}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return (body, response.Content.Headers.ContentType?.ToString() ?? "");
    }
}
