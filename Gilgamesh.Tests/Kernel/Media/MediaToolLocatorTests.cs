using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Tests.Kernel.Media;

public class MediaToolLocatorTests
{
    [Test]
    public void Locate_WhenNotConfigured_FindsDebianBinariesOnPath()
    {
        Assert.That(MediaTools.Locator.FfmpegPath, Does.EndWith("/ffmpeg"));
        Assert.That(File.Exists(MediaTools.Locator.FfprobePath), Is.True);
    }

    [Test]
    public void Locate_WhenConfiguredPathIsMissing_ThrowsFfmpegMissingNamingThePackage()
    {
        var locator = LocatorWith(ffmpegPath: "/nonexistent/ffmpeg");

        var error = Assert.Throws<GilgameshException>(() => _ = locator.FfmpegPath)!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.FfmpegMissing));
        Assert.That(error.StatusCode, Is.EqualTo(503));
        Assert.That(error.Message, Does.Contain("install the Debian package 'ffmpeg' (apt-get install ffmpeg)"));
    }

    [Test]
    public async Task HealthCheck_WhenFfprobeMissing_IsUnhealthyAndNamesThePackage()
    {
        var check = new MediaToolsHealthCheck(LocatorWith(ffprobePath: "/nonexistent/ffprobe"));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(result.Description, Does.Contain("ffprobe not found").And.Contain("Debian package 'ffmpeg'"));
    }

    [Test]
    public async Task HealthCheck_WhenBothToolsFound_IsHealthy()
    {
        var result = await new MediaToolsHealthCheck(MediaTools.Locator).CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy));
    }

    private static MediaToolLocator LocatorWith(string? ffmpegPath = null, string? ffprobePath = null) =>
        new(Options.Create(new MediaOptions { FfmpegPath = ffmpegPath, FfprobePath = ffprobePath }));
}
