using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Unhealthy when ffmpeg or ffprobe cannot be found; the description names the Debian package to install.
/// Only locates the binaries (no <c>ffmpeg -version</c> run) so a frequently polled health endpoint
/// does not spawn processes.
/// </summary>
internal sealed class MediaToolsHealthCheck(MediaToolLocator locator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var data = new Dictionary<string, object>
            {
                ["ffmpeg"] = locator.FfmpegPath,
                ["ffprobe"] = locator.FfprobePath,
            };
            return Task.FromResult(HealthCheckResult.Healthy("ffmpeg and ffprobe found", data));
        }
        catch (GilgameshException e) when (e.Code == ErrorCodes.FfmpegMissing)
        {
            // Registration is null when the check is called directly (tests, CLI self-test).
            var status = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
            return Task.FromResult(new HealthCheckResult(status, e.Message));
        }
    }
}
