using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Ingest;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// <c>POST /api/v1/highlights</c> and <c>GET /api/v1/highlights/{id}</c> in the real app: validation problems,
/// foreign media, and a whole run of the generated lecture through the real stage-1 engines (silence, scenes,
/// OCR, layout) and the local content analysis, as a pipeline, with captions supplied with the media (or none).
/// </summary>
public sealed class HighlightsEndpointTests : AppFixture
{
    private TestAccounts.TestUser _alice = null!;
    private TestAccounts.TestUser _bob = null!;
    private TestAccounts.TestUser _carol = null!;
    private Guid _lecture;
    private Guid _uncaptioned;

    [OneTimeSetUp]
    public async Task UploadLectureAsync()
    {
        _alice = await App.CreateUserAsync("editor", "alice-hl");
        _bob = await App.CreateUserAsync("editor", "bob-hl");
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);
        _lecture = (await IngestApi.UploadAsync(_alice.Http, truth.VideoPath, "lecture.mp4")).Item.Id;
        await HighlightsApi.SupplyCaptionsAsync(_alice.Http, _lecture, truth.CaptionsPath);
        _carol = await App.CreateUserAsync("editor", "carol-hl");
        _uncaptioned = (await IngestApi.UploadAsync(_carol.Http, truth.VideoPath, "lecture.mp4")).Item.Id;
    }

    [TestCase("{}", "mediaId is required")]
    [TestCase("""{"mediaId":"00000000-0000-0000-0000-000000000001"}""", "exactly one of clipCount and totalSeconds")]
    [TestCase("""{"mediaId":"00000000-0000-0000-0000-000000000001","clipCount":3,"totalSeconds":60}""", "exactly one of clipCount and totalSeconds")]
    [TestCase("""{"mediaId":"00000000-0000-0000-0000-000000000001","clipCount":0}""", "clipCount must be 1–50")]
    [TestCase("""{"mediaId":"00000000-0000-0000-0000-000000000001","clipCount":3,"minSeconds":30,"maxSeconds":20}""", "maxSeconds must be at least minSeconds")]
    [TestCase("""{"mediaId":"00000000-0000-0000-0000-000000000001","clipCount":3,"aspect":"4:3"}""", "aspect must be one of")]
    [TestCase("""{"mediaId":"00000000-0000-0000-0000-000000000001","clipCount":3,"subtitles":"loud"}""", "subtitles must be one of")]
    [TestCase("""{"mediaId":"00000000-0000-0000-0000-000000000001","clipCount":3,"analyzer":"oracle"}""", "analyzer must be local or llm")]
    [TestCase("""{"mediaId":"00000000-0000-0000-0000-000000000001","clipCount":3,"captions":"1\n00:00:05,000 --> 00:00:01,000\nbackwards\n"}""", "captions:")]
    public async Task Post_WhenOptionsAreBad_Returns400WithInvalidOptionsAndSaysWhy(string body, string detail)
    {
        using var response = await _alice.Http.PostAsync("/api/v1/highlights", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = IngestApi.ParseProblem(await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(problem.Code, Is.EqualTo("highlights.invalid_options"));
            Assert.That(problem.Detail, Does.Contain(detail));
        });
    }

    [Test]
    public async Task Post_WhenMediaIsUnknownOrSomeoneElses_Returns404MediaNotFound()
    {
        using var unknown = await _alice.Http.PostAsJsonAsync("/api/v1/highlights", new { mediaId = Guid.NewGuid(), clipCount = 2 });
        using var foreign = await _bob.Http.PostAsJsonAsync("/api/v1/highlights", new { mediaId = _lecture, clipCount = 2 });

        Assert.Multiple(async () =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(IngestApi.ParseProblem(await unknown.Content.ReadAsStringAsync()).Code, Is.EqualTo("highlights.media_not_found"));
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(IngestApi.ParseProblem(await foreign.Content.ReadAsStringAsync()).Code, Is.EqualTo("highlights.media_not_found"));
        });
    }

    [Test]
    public async Task Run_WhenLectureHasCaptionsSuppliedWithTheMedia_SucceedsWithSlideChaptersAndClipsCutInPauses()
    {
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);

        var result = await HighlightsApi.RunAsync(_alice.Http, new { mediaId = _lecture, clipCount = 3, minSeconds = 8, maxSeconds = 25, aspect = "16:9", subtitles = "none" });

        TestContext.Out.WriteLine(string.Join("\n", result.Chapters.Select(c => $"{c.Start:F2} {c.Title}")));
        TestContext.Out.WriteLine(string.Join("\n", result.Clips.Select(c => $"#{c.Rank} {c.Start:F3}–{c.End:F3} {c.Score:F3} {c.Title} [{string.Join("; ", c.Reasons)}]")));
        TestContext.Out.WriteLine(string.Join("\n", result.Log));
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("succeeded"));
            Assert.That(result.TranscriptSource, Is.EqualTo("captions"));
            Assert.That(result.Analyzer, Is.EqualTo("local"));
            Assert.That(result.Chapters.Skip(1).Select(c => c.Start), Is.EqualTo(truth.SlideChanges).Within(1.0), "chapters at the slide changes");
            Assert.That(result.Chapters.Select(c => c.Title), Is.EqualTo(truth.Slides.Select(s => s.Title)), "titled by the slides (OCR)");
            Assert.That(result.Clips, Has.Count.EqualTo(3));
            Assert.That(result.Clips.All(c => truth.InPause(c.Start) && truth.InPause(c.End)), Is.True, "cuts in pauses");
            var top = result.Clips.Single(c => c.Rank == 1);
            Assert.That(truth.Sentences.Where(s => s.Cue).Any(s => s.Start >= top.Start && s.End <= top.End), Is.True, "cue section in the top clip");
            Assert.That(result.Log, Has.Some.Contains("captions supplied with the media"));
            Assert.That(result.Clips.All(c => c.Status == "rendered" && c.VideoUrl is not null && c.ThumbnailUrl is not null), Is.True, "every clip rendered");
        });
    }

    [Test]
    public async Task Run_WhenNoTranscriptAtAll_MakesChaptersAndClipsFromSlidesAndRecordsWhy()
    {
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);

        var result = await HighlightsApi.RunAsync(_carol.Http, new { mediaId = _uncaptioned, clipCount = 2, minSeconds = 15, maxSeconds = 40, aspect = "16:9", subtitles = "none" });

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("succeeded"));
            Assert.That(result.TranscriptSource, Is.EqualTo("slides"));
            Assert.That(result.Log, Has.Some.Contains("no transcript"));
            Assert.That(result.Chapters.Skip(1).Select(c => c.Start), Is.EqualTo(truth.SlideChanges).Within(1.0));
            Assert.That(result.Clips, Has.Count.EqualTo(2));
            Assert.That(result.Clips.All(c => truth.InPause(c.Start) && truth.InPause(c.End)), Is.True);
        });
    }
}
