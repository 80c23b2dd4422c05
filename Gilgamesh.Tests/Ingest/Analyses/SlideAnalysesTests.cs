using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;
using static Gilgamesh.Tests.Ingest.IngestApi;

namespace Gilgamesh.Tests.Ingest.Analyses;

/// <summary>
/// Issue 13 item 4: the default analyses (no options, as the dashboard's buttons send) find a lecture's slide changes —
/// whole-slide changes in light and dark styles and one-line changes — and OCR reads each slide's own text. The scene
/// mode can still be chosen: content mode alone misses one-line changes, and an unknown mode is a 400.
/// </summary>
public sealed class SlideAnalysesTests : AppFixture
{
    [TestCase(4, LectureStyle.Light)]
    [TestCase(6, LectureStyle.Dark)]
    [TestCase(5, LectureStyle.OneLine)]
    public async Task DefaultAnalyses_OnAGeneratedLecture_FindEverySlideChange_AndReadEachSlidesText(int slides, LectureStyle style)
    {
        var item = (await UploadAsync(App.Http, await LectureGenerator.GenerateAsync(slides, style), $"lecture-{style}.mp4")).Item;

        var analyses = await RunAsync(item.Id, new { });

        var scenes = analyses.GetProperty("scenes").EnumerateArray().ToList();
        var starts = scenes.Skip(1).Select(s => s.GetProperty("start").GetDouble()).ToList();
        var truth = LectureGenerator.ChangeTimes(slides);
        Assert.That(scenes, Has.Count.EqualTo(slides), $"scene starts {string.Join(", ", starts)}");
        for (var i = 0; i < truth.Length; i++) Assert.That(starts[i], Is.EqualTo(truth[i]).Within(0.5), $"change {i + 1}");

        var ocr = analyses.GetProperty("ocr").EnumerateArray().ToList();
        Assert.That(ocr, Has.Count.EqualTo(slides), "one OCR text per slide");
        for (var i = 0; i < slides; i++)
        {
            var index = scenes[i].GetProperty("index").GetInt32();
            var text = ocr.Single(o => o.GetProperty("scene").GetInt32() == index).GetProperty("text").GetString()!;
            Assert.That(text, Does.Contain(LectureGenerator.Keywords[i]).IgnoreCase, $"slide {i + 1} reads '{text}'");
            foreach (var other in LectureGenerator.Keywords.Take(slides).Where((_, j) => j != i))
                Assert.That(text, Does.Not.Contain(other).IgnoreCase, $"slide {i + 1}'s keyframe shows only its own slide");
        }
    }

    [Test]
    public async Task ContentMode_OnOneLineSlideChanges_FindsOneScene_TheDefaultFindsThemAll()
    {
        var item = (await UploadAsync(App.Http, await LectureGenerator.GenerateAsync(5, LectureStyle.OneLine), "one-line.mp4")).Item;

        var content = await RunAsync(item.Id, new { analyses = new[] { "scenes" }, scene_mode = "content" });
        var mixed = await RunAsync(item.Id, new { analyses = new[] { "scenes" }, scene_mode = "mixed" });

        Assert.That(content.GetProperty("scenes").GetArrayLength(), Is.EqualTo(1), "a changed line is below any content threshold");
        Assert.That(mixed.GetProperty("scenes").GetArrayLength(), Is.EqualTo(5));
        Assert.That(mixed.GetProperty("scenes")[1].GetProperty("cut").GetString(), Is.EqualTo("slide"), "the result says what it found");
    }

    [Test]
    public async Task StartAnalyses_WithAnUnknownSceneMode_Is400()
    {
        var item = (await UploadAsync(App.Http, await LectureGenerator.GenerateAsync(4, LectureStyle.Light), "mode.mp4")).Item;
        using var response = await App.Http.PostAsJsonAsync($"/api/v1/ingest/media/{item.Id}/analyses", new { scene_mode = "fancy" });
        var problem = ParseProblem(await response.Content.ReadAsStringAsync());
        Assert.That((response.StatusCode, problem.Code), Is.EqualTo((HttpStatusCode.BadRequest, "request.invalid")));
    }

    private async Task<JsonElement> RunAsync(Guid mediaId, object body)
    {
        var job = await JobApi.PostAsync(App.Http, $"/api/v1/ingest/media/{mediaId}/analyses", body);
        var done = await JobApi.WaitForAsync(App.Http, job.Id, j => j.Status is "succeeded" or "failed", TimeSpan.FromSeconds(120), "the end");
        Assert.That(done.Status, Is.EqualTo("succeeded"), $"{done.ErrorCode}: {done.ErrorMessage}");
        return await App.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{mediaId}/analyses");
    }
}
