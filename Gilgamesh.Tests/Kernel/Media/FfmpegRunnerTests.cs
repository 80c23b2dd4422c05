using System.Diagnostics;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Media;

public class FfmpegRunnerTests
{
    private string _output = null!;

    [SetUp]
    public void CreateOutputFolder()
    {
        // A space in the folder name proves quoting end to end.
        _output = Path.Combine(MediaGenerator.Folder, "runner out " + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_output);
    }

    [TearDown]
    public void DeleteOutputFolder() => Directory.Delete(_output, recursive: true);

    [Test]
    public async Task Run_WhenCuttingOneSecondWithReEncode_ProducesOneSecondClip()
    {
        var cut = Path.Combine(_output, "cut.mp4");
        var arguments = ClipCutArguments.Build(await MediaGenerator.VideoWithToneAsync(), cut,
            MediaTime.FromSeconds(1), MediaTime.FromSeconds(1), new VideoEncoding("libx264", new Crf(28), "ultrafast"));

        await MediaTools.Runner.RunAsync(arguments);

        Assert.That((await MediaTools.Probe.ProbeAsync(cut)).DurationSeconds, Is.EqualTo(1).Within(0.1));
    }

    [Test]
    public async Task Run_WhenConcatenatingTwoClips_DurationIsTheSum()
    {
        var clip = await MediaGenerator.VideoWithToneAsync();
        var list = Path.Combine(_output, "list.txt");
        await File.WriteAllTextAsync(list, ConcatListFile.Render([clip, clip]));
        var joined = Path.Combine(_output, "joined.mp4");

        await MediaTools.Runner.RunAsync(ConcatArguments.Build(list, joined));

        Assert.That((await MediaTools.Probe.ProbeAsync(joined)).DurationSeconds, Is.EqualTo(2 * MediaGenerator.Seconds).Within(0.1));
    }

    [Test]
    public async Task Run_WhenTranscodingWithProgress_ScalesAndReportsMonotonicProgressToOne()
    {
        var output = Path.Combine(_output, "small.mp4");
        var settings = new TranscodeSettings { VideoCodec = "libx264", Crf = new Crf(30), Preset = "ultrafast", Width = 320, AudioBitrateKbps = 64 };
        var reported = new RecordingProgress();

        await MediaTools.Runner.RunAsync(TranscodeArguments.Build(await MediaGenerator.VideoWithToneAsync(), output, settings),
            new FfmpegRunOptions(ExpectedDurationSeconds: MediaGenerator.Seconds, Progress: reported));

        var video = (await MediaTools.Probe.ProbeAsync(output)).PrimaryVideo!;
        Assert.That((video.Codec, video.Width, video.Height), Is.EqualTo(("h264", (int?)320, (int?)180)));
        Assert.That(reported.Values, Is.Not.Empty.And.Ordered.Ascending.And.Unique);
        Assert.That(reported.Values, Has.All.InRange(0, 1));
        Assert.That(reported.Values[^1], Is.EqualTo(1));
    }

    [Test]
    public async Task Run_WhenCancelledMidRun_KillsFfmpegAtOnceAndLeavesNoProcess()
    {
        // -re paces the 60 s source in real time, so the run is guaranteed to be in progress when cancelled.
        const string arguments = "-re -f lavfi -i \"testsrc2=size=320x240:rate=25:duration=60\" -f null -";
        var processId = 0;
        var reported = new RecordingProgress();
        using var cancellation = new CancellationTokenSource();
        var run = MediaTools.Runner.RunAsync(arguments,
            new FfmpegRunOptions(ExpectedDurationSeconds: 60, Progress: reported, OnStarted: id => processId = id), cancellation.Token);
        await WaitUntilAsync(() => reported.Values.Count > 0, TimeSpan.FromSeconds(10));

        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        stopwatch.Stop();

        // The kill is sent from the cancel callback itself, so the run ends as soon as the process is reaped;
        // the bound is the pipelines' promise (2 s), the usual figure a few milliseconds.
        TestContext.Out.WriteLine($"cancel → run ended: {stopwatch.Elapsed.TotalMilliseconds:0} ms");
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(processId, Is.Not.Zero);
        Assert.That(IsRunning(processId), Is.False, $"ffmpeg process {processId} is still running");
    }

    [Test]
    public void Run_WhenInputIsNotMedia_ThrowsFfmpegExceptionWithCommandLineAndStderr()
    {
        var input = MediaGenerator.TextFileNamedMp4();

        var error = Assert.ThrowsAsync<FfmpegException>(() =>
            MediaTools.Runner.RunAsync($"-i \"{input}\" -f null -"))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.FfmpegFailed));
        Assert.That(error.StatusCode, Is.EqualTo(422));
        Assert.That(error.CommandLine, Does.Contain(input).And.Contain("ffmpeg"));
        Assert.That(error.StderrTail, Is.Not.Empty);
        Assert.That(error.Message, Does.Contain(error.CommandLine).And.Contain(error.StderrTail));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("condition not reached in time");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Records synchronously, in call order (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class RecordingProgress : IProgress<double>
    {
        private readonly List<double> _values = [];

        public IReadOnlyList<double> Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public void Report(double value)
        {
            lock (_values)
            {
                _values.Add(value);
            }
        }
    }
}
