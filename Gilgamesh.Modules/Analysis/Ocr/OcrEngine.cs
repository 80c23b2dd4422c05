using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Reads text from an image or from frames sampled every <see cref="OcrOptions.SampleIntervalSeconds"/> of a
/// video: Gray8 frames from the kernel decoder → <see cref="OcrPreprocessor"/> → tesseract → lines and blocks.
/// A sample that looks like the previous one (static slide) reuses its reading instead of running tesseract again.
/// Memory stays flat: one frame and one preprocessed image at a time.
/// </summary>
internal sealed class OcrEngine(FrameDecoder decoder, MediaProbe probe)
{
    /// <summary>Mean absolute luma difference (0..255) under which two samples show the same screen.</summary>
    private const double UnchangedFrameDifference = 1.5;

    /// <summary>Decoding above this width only slows tesseract; 1080p text is already large enough.</summary>
    private const int MaxDecodeWidth = 1920;

    public async Task<OcrResult> RunAsync(string path, OcrOptions options, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        Validate(options);
        var info = await probe.ProbeAsync(path, ct).ConfigureAwait(false);
        var video = info.PrimaryVideo
            ?? throw new GilgameshException(ErrorCodes.MediaUnreadable, $"no image or video stream in {Path.GetFileName(path)}", 422);
        var isImage = info.FormatName.EndsWith("_pipe", StringComparison.Ordinal) || info.FormatName == "image2" || info.DurationSeconds <= 0;
        // fps=25 lets a still image through ffmpeg's fps filter (a low rate drops its only frame).
        var times = isImage || options.Times is null ? null : new Queue<double>(options.Times.Order());
        var fps = isImage ? 25 : times is not null ? OcrOptions.TimesDecodeFps : 1 / options.SampleIntervalSeconds;
        var request = new FrameRequest(fps, video.Width > MaxDecodeWidth ? MaxDecodeWidth : null, null, FramePixelFormat.Gray8);

        using var folder = new TemporaryImageFolder();
        var frames = new List<OcrFrame>();
        // With requested times a reading stands for its instant only: there is no interval it covers.
        var slides = new SlideTextDeduplicator(times is null ? options.SampleIntervalSeconds : 0, info.DurationSeconds);
        int width = 0, height = 0;
        GrayImage? previous = null;
        List<OcrBlock> previousBlocks = [];
        await foreach (var decoded in decoder.DecodeAsync(path, request, ct).ConfigureAwait(false))
        {
            (width, height) = (decoded.Width, decoded.Height);
            if (times is not null)
            {
                if (times.Count == 0) break;
                var half = 0.5 / OcrOptions.TimesDecodeFps;
                if (times.Peek() > decoded.TimeSeconds + half) continue;
                while (times.Count > 0 && times.Peek() <= decoded.TimeSeconds + half) times.Dequeue();
            }

            var image = new GrayImage(decoded.Width, decoded.Height, decoded.Pixels);
            var blocks = previous is not null && MeanDifference(previous, image) < UnchangedFrameDifference
                ? previousBlocks
                : await ReadAsync(image, folder, options, ct).ConfigureAwait(false);
            var time = Math.Round(decoded.TimeSeconds, 3);
            var frame = new OcrFrame(time, string.Join('\n', blocks.Select(b => b.Text)), blocks);
            (previous, previousBlocks) = (image, blocks);
            if (isImage)
            {
                frames.Add(frame);
                break;
            }

            if (options.IncludeFrames) frames.Add(frame);
            slides.Add(time, frame);
            if (info.DurationSeconds > 0) progress?.Report(Math.Min(1, decoded.TimeSeconds / info.DurationSeconds));
        }

        progress?.Report(1);
        return new OcrResult(isImage ? "image" : "video", width, height, options.Languages, isImage ? 0 : options.SampleIntervalSeconds,
            frames, isImage ? [] : slides.Slides());
    }

    /// <summary>OCR of one frame: preprocess, write to the temp folder, run tesseract, assemble.</summary>
    public static async Task<List<OcrBlock>> ReadAsync(GrayImage image, TemporaryImageFolder folder, OcrOptions options, CancellationToken ct)
    {
        var scale = options.ScaleFor(image.Height);
        var prepared = OcrPreprocessor.Prepare(image, scale);
        var file = folder.File("frame.pgm");
        await PgmFile.WriteAsync(file, prepared, ct).ConfigureAwait(false);
        var tsv = await TesseractCli.RunTsvAsync(file, options, ct).ConfigureAwait(false);
        return OcrLayoutAssembler.Assemble(TesseractTsvParser.ParseWords(tsv, scale), options.MinWordConfidence, image.Width, image.Height);
    }

    private static double MeanDifference(GrayImage a, GrayImage b)
    {
        if (a.Pixels.Length != b.Pixels.Length) return double.MaxValue;
        long total = 0;
        var count = 0;
        for (var i = 0; i < a.Pixels.Length; i += 7, count++) total += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        return (double)total / count;
    }

    private static void Validate(OcrOptions options)
    {
        if (!double.IsFinite(options.SampleIntervalSeconds) || options.SampleIntervalSeconds <= 0)
            throw new GilgameshException(OcrErrorCodes.InvalidOption, "--interval must be a positive number of seconds", 400);
        if (options.Scale is < 0 or > 4)
            throw new GilgameshException(OcrErrorCodes.InvalidOption, "--scale must be 0 (auto) to 4", 400);
        if (options.Times is { } requested && requested.Any(t => !double.IsFinite(t) || t < 0))
            throw new GilgameshException(OcrErrorCodes.InvalidOption, "--times must be non-negative seconds, comma-separated", 400);
        if (options.PageSegmentationMode is < 0 or > 13)
            throw new GilgameshException(OcrErrorCodes.InvalidOption, "--psm must be 0 to 13", 400);
        if (string.IsNullOrWhiteSpace(options.Languages) || !options.Languages.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '_'))
            throw new GilgameshException(OcrErrorCodes.InvalidOption, "--lang must be tesseract language codes joined by '+', e.g. eng+deu", 400);
    }
}
