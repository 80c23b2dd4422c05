using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Kernel.Media;

public class FfmpegProgressTrackerTests
{
    [Test]
    public void Track_WhenProgressBlocksArrive_ReportsTheFractionOnlyWhenItIncreases()
    {
        var reported = new List<double>();
        var tracker = new FfmpegProgressTracker(10, new SynchronousProgress(reported.Add));

        foreach (var line in new[] { "frame=1", "out_time_us=N/A", "out_time_us=2500000", "out_time_ms=2500000", "out_time=00:00:02.500000",
                     "progress=continue", "out_time_us=1000000", "out_time_ms=5000000", "progress=end" })
        {
            tracker.OnLine(line);
        }

        tracker.Complete();

        Assert.That(reported, Is.EqualTo(new[] { 0.25, 0.5, 1.0 }));
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
