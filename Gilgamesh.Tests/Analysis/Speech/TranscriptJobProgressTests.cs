using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Ingest;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Analysis.Speech;

/// <summary>
/// The transcript analysis (ingest's analyses job on the Whisper.net engine) followed over its WebSocket the way the
/// dashboard's bar follows it. The model is the scripted ggml fixture at the real tiny model's dimensions with random
/// weights (this machine cannot download real weights), so each 30-s window costs whisper.cpp real time.
/// </summary>
[NonParallelizable]
public sealed class TranscriptJobProgressTests
{
    [Test]
    public async Task TranscriptAnalysis_TinyDimsGgmlRandomWeights_NoRealWeightsDownloadable_BarMovesSmoothlyFromZeroToHundred()
    {
        var speech = await SpeechTruth.GenerateAsync(90);
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Speech:Engine"] = "whisper.net",
            ["Speech:GgmlModelPath"] = TinyGgmlModels.TinyDims,
            ["Speech:Language"] = "en",
        });
        var item = (await IngestApi.UploadAsync(app.Http, speech.Path, "speech.wav")).Item;

        using var start = await app.Http.PostAsJsonAsync($"/api/v1/ingest/media/{item.Id}/analyses", new { analyses = new[] { "transcript" } });
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await start.Content.ReadAsStringAsync());
        var job = JsonSerializer.Deserialize<JobApi.Job>(await start.Content.ReadAsStringAsync(), TestJson.Options)!;
        var messages = await LiveProgress.ReadWebSocketAsync(app.BaseAddress, job.Id, TimeSpan.FromSeconds(300), app.AdminKey);

        var progress = messages.Where(m => m.Type == "progress").ToList();
        var series = progress.Select(m => m.Percent!.Value).ToList();
        var jumps = series.Zip(series.Skip(1), (a, b) => b - a).ToList();
        TestContext.Out.WriteLine($"{speech.DurationSeconds:0} s of speech; percent series: {string.Join(", ", series.Select(p => p.ToString("0.#", CultureInfo.InvariantCulture)))}");

        Assert.That(progress[^1].Status, Is.EqualTo("succeeded"));
        Assert.That(series, Is.Ordered.Ascending, "the bar never moves back");
        Assert.That(series[0], Is.LessThan(10), "the stream was followed from the start");
        Assert.That(series[^1], Is.EqualTo(100));
        Assert.That(jumps.Max(), Is.LessThanOrEqualTo(35), "no jump of more than 35 points (the old bar sat at ~60 % for the whole transcription)");
        Assert.That(series.Where(p => p is > 0 and < 100).Distinct().Count(), Is.GreaterThanOrEqualTo(5), "the bar moved in steps while the windows were decoded");
        var transcript = (await app.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{item.Id}/analyses")).GetProperty("transcript");
        Assert.That(transcript.ValueKind, Is.Not.EqualTo(JsonValueKind.Null), "the job stored a transcript");
    }
}
