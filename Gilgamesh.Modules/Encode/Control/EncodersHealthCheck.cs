using Gilgamesh.Modules.Kernel.Media.Encoders;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Modules.Encode.Control;

/// <summary>
/// Readiness of the encoders (<c>/health/ready</c>, check <c>encoders</c>): the kernel's one-frame probe of each
/// (cached). Healthy when every CPU encoder works, NVENC or not (no GPU is a normal machine; files then go to the
/// CPU with the reason recorded); Degraded when a CPU encoder fails, since libraries using that codec cannot encode.
/// </summary>
internal sealed class EncodersHealthCheck(EncoderProbe probe) : IHealthCheck
{
    public const string Name = "encoders";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var results = await probe.ProbeAllAsync(cancellationToken);
        var data = results.ToDictionary(r => r.Encoder, r => (object)(r.Works ? "works" : "unavailable"));
        var broken = results.Where(r => r.Kind == EncoderKind.Cpu && !r.Works).Select(r => r.Encoder).ToList();
        var working = string.Join(", ", results.Where(r => r.Works).Select(r => r.Encoder));
        var nvenc = results.Any(r => r.Kind == EncoderKind.Nvenc && r.Works) ? "NVENC available" : "no NVENC here: encodes run on the CPU";
        return broken.Count == 0
            ? HealthCheckResult.Healthy($"encoders: {working}; {nvenc}", data)
            : HealthCheckResult.Degraded($"CPU encoders failing their probe: {string.Join(", ", broken)}; working: {working}", data: data);
    }
}
