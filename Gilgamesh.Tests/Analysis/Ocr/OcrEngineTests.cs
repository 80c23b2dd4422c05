using Gilgamesh.Modules.Analysis.Ocr;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Tests.Support;
using Gilgamesh.Tests.Support.GroundTruth;

namespace Gilgamesh.Tests.Analysis.Ocr;

/// <summary>The OCR engine against drawtext ground truth (issue 4 §3 tolerances).</summary>
public sealed class OcrEngineTests
{
    private static OcrEngine Engine => new(MediaTools.FrameDecoder, MediaTools.Probe);

    private static string AllText(OcrFrame frame) =>
        string.Join('\n', frame.Blocks.SelectMany(b => b.Lines).OrderBy(l => l.Box.Top).Select(l => l.Text));

    [TestCase(false, TestName = "Read_DarkTextOnLightInSixFontsAndSizes_ReachesCharacterAndWordAccuracy")]
    [TestCase(true, TestName = "Read_LightTextOnDarkInSixFontsAndSizes_ReachesCharacterAndWordAccuracy")]
    public async Task Read_TextLines_ReachesCharacterAndWordAccuracy(bool lightOnDark)
    {
        var page = await OcrGroundTruth.TextLinesAsync(lightOnDark);

        var result = await Engine.RunAsync(page.Path, new OcrOptions());

        var truth = string.Join('\n', page.Lines);
        var read = AllText(result.Frames.Single());
        TestContext.Out.WriteLine($"measured: characters {TextAccuracy.Characters(truth, read):P2}, words {TextAccuracy.Words(truth, read):P2}\n{read}");
        Assert.Multiple(() =>
        {
            Assert.That(result.Kind, Is.EqualTo("image"));
            Assert.That(TextAccuracy.Characters(truth, read), Is.GreaterThanOrEqualTo(0.97), read);
            Assert.That(TextAccuracy.Words(truth, read), Is.GreaterThanOrEqualTo(0.95), read);
        });
    }

    [Test]
    public async Task Read_SlideWithTitleAndBullets_FindsTitleLineBoxWithIoUAtLeast0_7AndTheBullets()
    {
        var slide = await OcrGroundTruth.TitleSlideAsync();

        var result = await Engine.RunAsync(slide.Path, new OcrOptions());

        var lines = result.Frames.Single().Blocks.SelectMany(b => b.Lines).OrderBy(l => l.Box.Top).ToList();
        var title = lines.OrderByDescending(l => TextSimilarity.Similarity(l.Text, slide.Title)).First();
        var (left, top, width, height) = slide.TitleBox;
        var iou = BoxIoU((title.Box.Left, title.Box.Top, title.Box.Width, title.Box.Height), (left, top, width, height));
        var truth = string.Join('\n', [slide.Title, .. slide.Bullets]);
        var read = string.Join('\n', lines.Select(l => l.Text));
        TestContext.Out.WriteLine($"measured: title IoU {iou:F3}, characters {TextAccuracy.Characters(truth, read):P2}, words {TextAccuracy.Words(truth, read):P2}\n{read}");
        Assert.Multiple(() =>
        {
            Assert.That(iou, Is.GreaterThanOrEqualTo(0.7), $"title {title.Box} vs truth {slide.TitleBox}");
            Assert.That(title.NormalizedBox.X, Is.EqualTo((double)title.Box.Left / OcrGroundTruth.Width).Within(0.0001));
            Assert.That(TextAccuracy.Characters(truth, read), Is.GreaterThanOrEqualTo(0.97), read);
            Assert.That(TextAccuracy.Words(truth, read), Is.GreaterThanOrEqualTo(0.95), read);
        });
    }

    [Test]
    public async Task Read_ImageWithoutText_ReturnsEmptyResult()
    {
        var image = await OcrGroundTruth.NoTextImageAsync();

        var result = await Engine.RunAsync(image, new OcrOptions());

        Assert.That(result.Frames.Single().Blocks, Is.Empty, result.Frames.Single().Text);
        Assert.That(result.Frames.Single().Text, Is.Empty);
    }

    [Test]
    public async Task Read_SlideVideoGoingBackToASlide_ListsEachSlideOnceWithEveryShowing()
    {
        var video = await OcrGroundTruth.SlideVideoAsync();

        var result = await Engine.RunAsync(video.Path, new OcrOptions { SampleIntervalSeconds = 1 });

        Assert.That(result.Kind, Is.EqualTo("video"));
        Assert.That(result.Slides, Has.Count.EqualTo(2), string.Join(" | ", result.Slides.Select(s => s.Text)));
        var first = result.Slides[0];
        Assert.Multiple(() =>
        {
            Assert.That(TextAccuracy.Characters(video.Showings[0].Text, first.Text), Is.GreaterThanOrEqualTo(0.97));
            Assert.That(TextAccuracy.Characters(video.Showings[1].Text, result.Slides[1].Text), Is.GreaterThanOrEqualTo(0.97));
            Assert.That(first.Appearances.Select(a => a.Start), Is.EqualTo(new[] { 0.0, 6.0 }).Within(1.0));
            Assert.That(result.Slides[1].Appearances.Single().Start, Is.EqualTo(3.0).Within(1.0));
        });
    }

    [Test]
    public async Task Read_AtGivenTimes_ReadsOnlyTheFramesNearestThoseTimes()
    {
        var video = await OcrGroundTruth.SlideVideoAsync();

        var result = await Engine.RunAsync(video.Path, new OcrOptions { Times = [4.1, 1.0], IncludeFrames = true });

        Assert.That(result.Frames.Select(f => f.Time), Is.EqualTo(new[] { 1.0, 4.0 }).Within(0.126));
        Assert.That(TextAccuracy.Characters(video.Showings[0].Text, result.Frames[0].Text), Is.GreaterThanOrEqualTo(0.97));
        Assert.That(TextAccuracy.Characters(video.Showings[1].Text, result.Frames[1].Text), Is.GreaterThanOrEqualTo(0.97));
        Assert.That(result.Slides, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Read_TextFile_FailsWithMediaUnreadable()
    {
        var error = Assert.ThrowsAsync<GilgameshException>(() => Engine.RunAsync(MediaGenerator.TextFileNamedMp4(), new OcrOptions()));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.MediaUnreadable));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Read_TruncatedVideo_FailsWithAnErrorCodeNotACrash()
    {
        var truncated = await MediaGenerator.TruncatedMp4Async();

        var error = Assert.ThrowsAsync(Is.InstanceOf<GilgameshException>(), () => Engine.RunAsync(truncated, new OcrOptions()));

        Assert.That(((GilgameshException)error!).Code, Is.AnyOf(ErrorCodes.MediaUnreadable, ErrorCodes.FfmpegFailed, ErrorCodes.ProbeFailed));
    }

    [Test]
    public async Task Read_WhenTesseractIsMissing_FailsNamingTheDebianPackages()
    {
        var page = await OcrGroundTruth.TextLinesAsync(false);

        var error = Assert.ThrowsAsync<GilgameshException>(() => Engine.RunAsync(page.Path, new OcrOptions { TesseractPath = "/nonexistent/tesseract" }));

        Assert.That(error!.Code, Is.EqualTo(OcrErrorCodes.TesseractMissing));
        Assert.That(error.Message, Does.Contain("tesseract-ocr").And.Contain("tesseract-ocr-eng"));
    }

    [Test]
    public async Task Read_WithAnUninstalledLanguage_FailsNamingItsPackage()
    {
        var page = await OcrGroundTruth.TextLinesAsync(false);

        var error = Assert.ThrowsAsync<GilgameshException>(() => Engine.RunAsync(page.Path, new OcrOptions { Languages = "qqq" }));

        Assert.That(error!.Code, Is.EqualTo(OcrErrorCodes.LanguageMissing));
        Assert.That(error.Message, Does.Contain("tesseract-ocr-qqq"));
    }

    [Test]
    public async Task Read_CancelledMidVideo_StopsFfmpegAndTesseractPromptlyAndRemovesTempImages()
    {
        var video = await OcrGroundTruth.SlideVideoAsync();
        var before = TempOcrFolders();
        // Cancelled from inside the analysis once a fifth is read: ffmpeg is decoding and tesseract has run.
        using var cancel = new CancelAtProgress(0.2);

        Assert.CatchAsync<OperationCanceledException>(() => Engine.RunAsync(video.Path, new OcrOptions { SampleIntervalSeconds = 0.2 }, cancel.Progress, cancel.Token));

        cancel.Stop();
        await Task.Delay(200);
        Assert.Multiple(() =>
        {
            Assert.That(cancel.Cancelled, "cancelled mid-video");
            Assert.That(cancel.SinceCancel, Is.LessThan(TimeSpan.FromSeconds(1.5)), "from the cancel to the engine's return");
            Assert.That(FfmpegProcesses.WithArgument(video.Path), Is.Empty, "ffmpeg still running");
            Assert.That(TesseractProcesses(), Is.Empty, "tesseract still running");
            Assert.That(TempOcrFolders().Except(before), Is.Empty, "temp images left behind");
        });
    }

    internal static double BoxIoU((int L, int T, int W, int H) a, (int L, int T, int W, int H) b)
    {
        var w = Math.Min(a.L + a.W, b.L + b.W) - Math.Max(a.L, b.L);
        var h = Math.Min(a.T + a.H, b.T + b.H) - Math.Max(a.T, b.T);
        var intersection = w > 0 && h > 0 ? (double)w * h : 0;
        return intersection / ((double)a.W * a.H + (double)b.W * b.H - intersection);
    }

    private static string[] TempOcrFolders() => Directory.GetDirectories(Path.GetTempPath(), "gilgamesh-ocr-*");

    private static List<int> TesseractProcesses()
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("tesseract") && cmdline.Contains("gilgamesh-ocr-")) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
