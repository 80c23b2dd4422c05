using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>Healthy when a tiny probe object can be written, read back intact and deleted.</summary>
internal sealed class StorageHealthCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // A unique key per probe so concurrent checks (several instances, one bucket) never collide.
        var key = $"_health/probe-{Guid.NewGuid():N}.txt";
        var payload = Encoding.UTF8.GetBytes($"gilgamesh storage probe {DateTimeOffset.UtcNow:O}");
        try
        {
            await store.PutAsync(key, new MemoryStream(payload), "text/plain", ct);
            await using var read = await store.OpenReadAsync(key, null, ct);
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy, ct);
            return copy.ToArray().AsSpan().SequenceEqual(payload)
                ? HealthCheckResult.Healthy("Object storage round trip succeeded.")
                : HealthCheckResult.Unhealthy("Object storage returned different bytes than were written.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Object storage round trip failed.", e);
        }
        finally
        {
            try
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception)
            {
                // Reported through the round trip result already; a stray probe is harmless.
            }
        }
    }
}
