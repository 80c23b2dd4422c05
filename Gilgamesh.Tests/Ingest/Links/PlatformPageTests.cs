using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>
/// Platform pages through yt-dlp, with a stand-in script in its place (live extraction cannot run on the build
/// machine), and analyses per item (scenes with keyframes, OCR of keyframes) inline and as a job.
/// </summary>
public sealed class PlatformPageTests : LinksFixture
{
    private const string CarouselUrl = YtDlpStandIn.CarouselUrl;

    [Test]
    public async Task Process_WhenYtDlpReportsAThreeItemCarousel_AnswersThreeItemsFetchedFromTheReportedUrls()
    {
        var argsFile = Path.Combine(Path.GetDirectoryName(YtDlpPath)!, "args.txt");
        WriteStandIn(argsFile);
        try
        {
            var result = (await ProcessAsync(new { urls = new[] { CarouselUrl } }))[0];

            Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("ok"), result.ToString());
            var items = result.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items.Select(i => i.GetProperty("kind").GetString()), Is.EqualTo(new[] { "video", "audio", "image" }));
            Assert.That(items.Select(i => i.GetProperty("media_id").GetGuid()).Distinct().Count(), Is.EqualTo(3));
            Assert.That(items[0].GetProperty("captions").GetString(), Does.Contain("captions.vtt"), "offered captions are stored with the item");
            Assert.That(items[0].GetProperty("transcript").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Server.Hits("/captions.vtt"), Is.GreaterThanOrEqualTo(1));
            var args = await File.ReadAllTextAsync(argsFile);
            Assert.That(args, Does.Contain("-J").And.Contain(CarouselUrl), "metadata mode, page URL last");
            Assert.That(Directory.GetFileSystemEntries(TempRoot), Is.Empty, "temporary folders remain");
        }
        finally
        {
            File.Delete(YtDlpPath);
        }
    }

    [Test]
    public async Task Process_WhenAUrlIsAWebPageAndYtDlpIsInstalled_AsksYtDlpAboutThePage()
    {
        WriteStandIn(Path.Combine(Path.GetDirectoryName(YtDlpPath)!, "page-args.txt"));
        try
        {
            var result = (await ProcessAsync(new { urls = new[] { Server.Url("/page?yt=1") } }))[0];
            Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("ok"), result.ToString());
            Assert.That(result.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
            Assert.That(await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(YtDlpPath)!, "page-args.txt")), Does.Contain("/page?yt=1"));
        }
        finally
        {
            File.Delete(YtDlpPath);
        }
    }

    [Test]
    public async Task Process_WhenYtDlpSaysUnsupportedUrl_AnswersLinkUnsupported()
    {
        YtDlpStandIn.WriteUnsupported(YtDlpPath, "https://vimeo.com/nothing");
        try
        {
            var result = (await ProcessAsync(new { urls = new[] { "https://vimeo.com/nothing" } }))[0];
            Assert.That(ErrorCode(result), Is.EqualTo("link.unsupported"), result.ToString());
        }
        finally
        {
            File.Delete(YtDlpPath);
        }
    }

    [Test]
    public async Task Process_WhenYtDlpIsMissing_AnswersExtractorUnavailable()
    {
        File.Delete(YtDlpPath);
        var result = (await ProcessAsync(new { urls = new[] { "https://www.instagram.com/p/C0Other/" } }))[0];
        Assert.That(ErrorCode(result), Is.EqualTo("extractor.unavailable"));
        Assert.That(result.GetProperty("error").GetProperty("retryable").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Process_WithScenesAndOcr_ReturnsThemAndStoresThem()
    {
        var result = (await ProcessAsync(new
        {
            urls = new[] { Server.Url($"/media/silent.mp4?analyses={Guid.NewGuid():N}") },
            options = new { analyses = new[] { "scenes", "ocr" } },
        }))[0];
        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("ok"), result.ToString());
        var item = result.GetProperty("items")[0];
        var scenes = item.GetProperty("scenes");
        Assert.That(scenes.GetArrayLength(), Is.GreaterThanOrEqualTo(1), item.ToString());
        Assert.That(scenes[0].GetProperty("keyframe_key").GetString(), Does.StartWith("ingest/").And.EndWith(".jpg"));
        Assert.That(item.GetProperty("ocr").GetArrayLength(), Is.EqualTo(scenes.GetArrayLength()), "one reading per keyframe");

        var id = item.GetProperty("media_id").GetGuid();
        var stored = await App.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{id}/analyses");
        Assert.That(stored.GetProperty("scenes").GetArrayLength(), Is.EqualTo(scenes.GetArrayLength()));
        // The stored scenes come with signed keyframe URLs that anyone holding them can fetch.
        var keyframeUrl = stored.GetProperty("scenes")[0].GetProperty("keyframe_url").GetString();
        Assert.That(keyframeUrl, Is.Not.Null.And.Not.Empty);
        using var anonymous = App.Anonymous();
        using var keyframe = await anonymous.GetAsync(keyframeUrl);
        Assert.Multiple(() =>
        {
            Assert.That(keyframe.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(keyframe.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
        });
    }

    [Test]
    public async Task AnalysesEndpoint_StartsAJobOnTheItemAndHidesOthersItems()
    {
        var result = (await ProcessAsync(new { urls = new[] { Server.Url($"/media/still.jpg?job={Guid.NewGuid():N}") } }))[0];
        var id = result.GetProperty("items")[0].GetProperty("media_id").GetGuid();

        var job = await JobApi.PostAsync(App.Http, $"/api/v1/ingest/media/{id}/analyses", new { analyses = new[] { "ocr" } });
        var done = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded", TimeSpan.FromSeconds(60));
        Assert.That(done.Kind, Is.EqualTo("analyze"));
        Assert.That(done.Result!.Value.GetProperty("ocr").GetArrayLength(), Is.EqualTo(1));

        using var editor = await App.CreateUserAsync("editor");
        using var other = await editor.Http.GetAsync($"/api/v1/ingest/media/{id}/analyses");
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "someone else's item does not exist for them");
        using var start = await editor.Http.PostAsJsonAsync($"/api/v1/ingest/media/{id}/analyses", new { });
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Process_WithTranscript_TakesItFromOfferedCaptionsAndLeavesItNullWithoutCaptionsOrSpeechModel()
    {
        WriteStandIn(Path.Combine(Path.GetDirectoryName(YtDlpPath)!, "transcript-args.txt"));
        try
        {
            var result = (await ProcessAsync(new { urls = new[] { CarouselUrl }, options = new { analyses = new[] { "transcript" } } }))[0];
            Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("ok"), result.ToString());
            var items = result.GetProperty("items").EnumerateArray().ToList();
            var transcript = items[0].GetProperty("transcript");
            Assert.That(transcript.GetProperty("source").GetString(), Is.EqualTo("captions"), transcript.ToString());
            Assert.That(transcript.GetProperty("language").GetString(), Is.EqualTo("en"));
            var segment = transcript.GetProperty("segments")[0];
            Assert.That((segment.GetProperty("start").GetDouble(), segment.GetProperty("end").GetDouble(), segment.GetProperty("text").GetString()),
                Is.EqualTo((0.0, 2.0, "hello there")));
            Assert.That(items[1].GetProperty("transcript").ValueKind, Is.EqualTo(JsonValueKind.Null),
                "audio without captions and no speech model configured: no transcript, and the URL still succeeds");

            var id = items[0].GetProperty("media_id").GetGuid();
            var stored = await App.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{id}/analyses");
            Assert.That(stored.GetProperty("transcript").GetProperty("text").GetString(), Is.EqualTo("hello there"));
        }
        finally
        {
            File.Delete(YtDlpPath);
        }
    }

    [Test]
    public async Task SuppliedCaptions_BecomeTheTranscript_MalformedOnesChangeNothing_OthersItemsAre404()
    {
        var result = (await ProcessAsync(new { urls = new[] { Server.Url($"/media/audio.wav?captions={Guid.NewGuid():N}") } }))[0];
        var id = result.GetProperty("items")[0].GetProperty("media_id").GetGuid();
        // Within the 3-s audio: cues past the media's end are refused (captions.beyond_duration).
        const string srt = "1\n00:00:00,504 --> 00:00:01,500\nFirst line\nsecond line\n\n2\n00:00:02,000 --> 00:00:02,750\nNext\n";

        using (var put = await App.Http.PutAsync($"/api/v1/ingest/media/{id}/captions?language=en",
                   new StringContent(srt, System.Text.Encoding.UTF8, "application/x-subrip")))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }
        var stored = (await App.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{id}/analyses")).GetProperty("transcript");
        Assert.That(stored.GetProperty("source").GetString(), Is.EqualTo("captions"));
        Assert.That(stored.GetProperty("segments").GetArrayLength(), Is.EqualTo(2));
        Assert.That(stored.GetProperty("segments")[0].GetProperty("start").GetDouble(), Is.EqualTo(0.504).Within(1e-9));
        Assert.That(stored.GetProperty("segments")[0].GetProperty("text").GetString(), Is.EqualTo("First line\nsecond line"));

        using (var bad = await App.Http.PutAsync($"/api/v1/ingest/media/{id}/captions?language=en",
                   new StringContent("WEBVTT\n\nnot a cue line\nhello\n", System.Text.Encoding.UTF8, "text/vtt")))
        {
            Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("captions.invalid"));
        }
        var after = (await App.GetJsonAsync<JsonElement>($"/api/v1/ingest/media/{id}/analyses")).GetProperty("transcript");
        Assert.That(after.GetProperty("segments").GetArrayLength(), Is.EqualTo(2), "a refused file leaves the transcript as it was");

        // Later analyses read the stored captions rather than needing a speech model.
        var job = await JobApi.PostAsync(App.Http, $"/api/v1/ingest/media/{id}/analyses", new { analyses = new[] { "transcript" } });
        var done = await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded", TimeSpan.FromSeconds(60));
        Assert.That(done.Result!.Value.GetProperty("transcript").GetProperty("segments")[1].GetProperty("text").GetString(), Is.EqualTo("Next"));

        using var editor = await App.CreateUserAsync("editor");
        using var other = await editor.Http.PutAsync($"/api/v1/ingest/media/{id}/captions", new StringContent(srt));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private void WriteStandIn(string argsFile) => YtDlpStandIn.WriteCarousel(YtDlpPath, argsFile, Server);
}
