using System.Diagnostics;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Kernel.Media;

public class FfmpegProcessTests
{
    [Test]
    public async Task Stop_WhenProcessIgnoresQ_KillsItAfterTheGracePeriod()
    {
        // sleep never reads stdin: stands in for an ffmpeg that is stuck and does not honour "q".
        await using var process = FfmpegProcess.Start("/bin/sleep", "30");
        var stopwatch = Stopwatch.StartNew();

        await process.StopAsync(TimeSpan.FromMilliseconds(300));
        var exitCode = await process.WaitForExitAsync(CancellationToken.None);

        Assert.That(stopwatch.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3)));
        Assert.That(exitCode, Is.Not.Zero, "killed, not exited by itself");
    }
}
