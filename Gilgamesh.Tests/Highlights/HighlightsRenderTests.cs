using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Ingest;
using Gilgamesh.Tests.Kernel.Media.Render;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// The rendered clips of the generated lecture (captions supplied with the media, picture-in-picture layout) in the
/// real app: 9:16 with the slide above the camera (pixel checks), burned subtitles read back by tesseract, loudness
/// measured by ebur128, a 1:1 run with a soft subtitle stream and its WebVTT sidecar, a moved clip re-rendered alone,
/// and every download.
/// </summary>
public sealed partial class HighlightsRenderTests : AppFixture
{
    private TestAccounts.TestUser _alice = null!;
    private LectureTruth _truth = null!;
    private Guid _lecture;
    private HighlightsApi.Result _portrait = null!;
    private TempDirectory _folder = null!;

    [GeneratedRegex(@"I:\s+(-?[0-9.]+) LUFS")]
    private static partial Regex Integrated();

    [OneTimeSetUp]
    public async Task RenderPortraitClipsAsync()
    {
        _folder = new TempDirectory("highlights-render");
        _alice = await App.CreateUserAsync("editor", "alice-render");
        _truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);
        _lecture = (await IngestApi.UploadAsync(_alice.Http, _truth.VideoPath, "lecture.mp4")).Item.Id;
        await HighlightsApi.SupplyCaptionsAsync(_alice.Http, _lecture, _truth.CaptionsPath);
        _portrait = await HighlightsApi.RunAsync(_alice.Http, new { mediaId = _lecture, clipCount = 2, minSeconds = 8, maxSeconds = 12, aspect = "9:16", subtitles = "burned", language = "en" });
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public async Task Portrait_WhenLectureHasSlideAndCamera_Is1080x1920WithTheSlideAboveTheCamera()
    {
        var clip = await DownloadClipAsync(_portrait.Clips[0], "portrait.mp4");
        var video = (await MediaTools.Probe.ProbeAsync(clip)).PrimaryVideo!;
        var frame = await RenderTestKit.FrameAsync(clip, 25);

        // Medians are robust to the slide's text and the subtitles: the slide's navy in the top panel, the camera's grey box below.
        var top = MedianColour(frame, 1080, 300, 700);
        var bottom = MedianColour(frame, 1080, 1100, 1500);
        TestContext.Out.WriteLine($"top {top}, bottom {bottom}; log: {string.Join(" | ", _portrait.Log.Where(l => l.StartsWith("render", StringComparison.Ordinal)))}");
        Assert.Multiple(() =>
        {
            Assert.That((video.Width, video.Height), Is.EqualTo((1080, 1920)));
            Assert.That(top, Is.EqualTo((0x1e, 0x2a, 0x44)).Using<(int, int, int)>(Near), "slide background (#1e2a44) in the top panel");
            Assert.That(bottom, Is.EqualTo((0x50, 0x58, 0x60)).Using<(int, int, int)>(Near), "camera box (#505860) in the bottom panel");
            Assert.That(_portrait.Log, Has.Some.Contains("slide above camera"));
        });
    }

    [Test]
    public async Task Portrait_WhenSubtitlesAreBurned_OcrReadsTheCueAndTheSidecarHasIt()
    {
        var clip = _portrait.Clips[0];
        var video = await DownloadClipAsync(clip, "burned.mp4");
        var vtt = await _alice.Http.GetStringAsync(clip.SubtitlesUrl);
        var cue = Regex.Match(vtt, @"(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})\n(.+)\n");
        Assert.That(cue.Success, Is.True, vtt);
        double At(int g) => int.Parse(cue.Groups[g].Value, CultureInfo.InvariantCulture) * 3600 + int.Parse(cue.Groups[g + 1].Value, CultureInfo.InvariantCulture) * 60
            + int.Parse(cue.Groups[g + 2].Value, CultureInfo.InvariantCulture) + int.Parse(cue.Groups[g + 3].Value, CultureInfo.InvariantCulture) / 1000.0;
        var middle = (At(1) + At(5)) / 2;
        var png = _folder.Combine("subtitle.png");
        // The subtitle band only (bottom safe area), where libass draws the cue.
        await RenderTestKit.Runner.RunAsync(string.Create(CultureInfo.InvariantCulture,
            $"-ss {middle:0.###} -i \"{video}\" -frames:v 1 -vf crop=1080:420:0:1380 -y \"{png}\""), null, null, CancellationToken.None);

        var text = await TesseractAsync(png);
        var expected = Words(cue.Groups[9].Value);
        var read = Words(text);
        TestContext.Out.WriteLine($"cue '{cue.Groups[9].Value}' read '{text.Trim()}'");
        Assert.That(expected, Is.Not.Empty, "the cue has words to read");
        Assert.That(expected.Count(read.Contains), Is.GreaterThanOrEqualTo((expected.Count + 1) / 2), $"cue '{cue.Groups[9].Value}', OCR '{text}'");
    }

    [Test]
    public async Task Portrait_Loudness_IsWithin1LuOfMinus14()
    {
        var clip = await DownloadClipAsync(_portrait.Clips[1], "loud.mp4");

        var report = await RenderTestKit.ReportAsync(clip, "ebur128");
        var integrated = double.Parse(Integrated().Matches(report)[^1].Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.That(integrated, Is.EqualTo(-14).Within(1.0), report);
    }

    [Test]
    public async Task Portrait_EveryClipHasAThumbnail()
    {
        foreach (var clip in _portrait.Clips)
        {
            using var response = await _alice.Http.GetAsync(clip.ThumbnailUrl);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(bytes.Take(2), Is.EqualTo(new byte[] { 0xFF, 0xD8 }), "a JPEG");
        }
    }

    [Test]
    public async Task Square_WhenSubtitlesAreSoft_HasAMovTextStreamAndAWebVttSidecar()
    {
        var square = await HighlightsApi.RunAsync(_alice.Http, new { mediaId = _lecture, clipCount = 1, minSeconds = 8, maxSeconds = 12, aspect = "1:1", subtitles = "soft", language = "en" });

        var clip = await DownloadClipAsync(square.Clips[0], "square.mp4");
        var streams = (await MediaTools.Probe.ProbeAsync(clip)).Streams;
        var vtt = await _alice.Http.GetStringAsync(square.Clips[0].SubtitlesUrl);
        Assert.Multiple(() =>
        {
            Assert.That(streams.Single(s => s.Type == MediaStreamType.Video) is { Width: 1080, Height: 1080 }, Is.True);
            Assert.That(streams.Single(s => s.Type == MediaStreamType.Subtitle).Codec, Is.EqualTo("mov_text"));
            Assert.That(streams.Single(s => s.Type == MediaStreamType.Subtitle).Language, Is.EqualTo("eng"));
            Assert.That(vtt, Does.StartWith("WEBVTT\n"));
        });
    }

    [Test]
    public async Task MoveClip_WhenOutPointIsInsideAWord_SnapsToAPauseAndReRendersOnlyThatClip()
    {
        var run = await HighlightsApi.RunAsync(_alice.Http, new { mediaId = _lecture, clipCount = 2, minSeconds = 8, maxSeconds = 14, aspect = "16:9", subtitles = "none" });
        var (kept, moved) = (run.Clips[0], run.Clips[1]);
        // Out point in the middle of the sentence after the clip: the word there is kept whole.
        var next = _truth.Sentences.First(s => s.Start > moved.End);
        var inside = (next.Start + next.End) / 2;

        using var response = await _alice.Http.PatchAsJsonAsync($"/api/v1/highlights/{run.Id}/clips/{moved.Id}", new { start = moved.Start, end = inside });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var jobId = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("jobId").GetGuid();
        await JobApi.WaitForStatusAsync(_alice.Http, jobId, "succeeded", TimeSpan.FromMinutes(5));
        var after = await HighlightsApi.GetAsync(_alice.Http, run.Id);

        var movedAfter = after.Clips.Single(c => c.Id == moved.Id);
        var keptAfter = after.Clips.Single(c => c.Id == kept.Id);
        var duration = await DurationAsync(await DownloadClipAsync(movedAfter, "moved.mp4"));
        Assert.Multiple(() =>
        {
            Assert.That(movedAfter.End, Is.GreaterThan(inside - 0.01), "the out point moved");
            Assert.That(_truth.InPause(movedAfter.End), Is.True, $"out point {movedAfter.End} snapped off the word (into a pause)");
            Assert.That(movedAfter.Revision, Is.EqualTo(2));
            Assert.That(movedAfter.VideoUrl, Does.Contain("-r2.mp4"));
            Assert.That(duration, Is.EqualTo(movedAfter.End - movedAfter.Start).Within(0.1), "the new file has the new span");
            Assert.That((keptAfter.Revision, PathOf(keptAfter.VideoUrl)), Is.EqualTo((1, PathOf(kept.VideoUrl))), "the other clip was not re-rendered");
        });
    }

    [Test]
    public async Task Downloads_AllAnswerWithTheirDocuments()
    {
        var failures = new List<string>();
        foreach (var (name, url) in _portrait.Downloads)
        {
            using var response = await _alice.Http.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || text.Length == 0) failures.Add($"{name}: {(int)response.StatusCode}");
        }
        var edl = await _alice.Http.GetStringAsync(_portrait.Downloads["reel.edl"]);
        var chapters = await _alice.Http.GetStringAsync(_portrait.Downloads["chapters.txt"]);
        Assert.Multiple(() =>
        {
            Assert.That(_portrait.Downloads.Keys, Is.EquivalentTo(new[]
                { "transcript.srt", "transcript.vtt", "transcript.json", "chapters.txt", "reel.fcpxml", "reel.mlt", "reel.otio", "reel.edl" }));
            Assert.That(failures, Is.Empty);
            Assert.That(Regex.Matches(edl, @"^\d{3}\s+AX", RegexOptions.Multiline), Has.Count.EqualTo(_portrait.Clips.Count), "an event per clip");
            Assert.That(chapters, Does.StartWith("0:00 "));
        });
    }

    private async Task<string> DownloadClipAsync(HighlightsApi.Clip clip, string name)
    {
        Assert.That(clip.VideoUrl, Is.Not.Null, $"clip {clip.Rank} is {clip.Status}");
        var path = _folder.Combine(name);
        await HighlightsApi.DownloadAsync(_alice.Http, clip.VideoUrl!, path);
        return path;
    }

    private static string? PathOf(string? url) => url?.Split('?')[0];

    private static async Task<double> DurationAsync(string file) => (await MediaTools.Probe.ProbeAsync(file)).DurationSeconds;

    private static bool Near((int R, int G, int B) a, (int R, int G, int B) b) =>
        Math.Abs(a.R - b.R) <= 12 && Math.Abs(a.G - b.G) <= 12 && Math.Abs(a.B - b.B) <= 12;

    private static (int R, int G, int B) MedianColour(byte[] rgb, int width, int fromRow, int toRow)
    {
        var (r, g, b) = (new List<int>(), new List<int>(), new List<int>());
        for (var y = fromRow; y < toRow; y += 4)
            for (var x = 0; x < width; x += 4)
            {
                var i = (y * width + x) * 3;
                r.Add(rgb[i]);
                g.Add(rgb[i + 1]);
                b.Add(rgb[i + 2]);
            }
        static int Median(List<int> v) => v.Order().ElementAt(v.Count / 2);
        return (Median(r), Median(g), Median(b));
    }

    private static HashSet<string> Words(string text) =>
        Regex.Matches(text.ToLowerInvariant(), "[a-z]{3,}").Select(m => m.Value).ToHashSet();

    private static async Task<string> TesseractAsync(string image)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("tesseract", $"\"{image}\" stdout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
