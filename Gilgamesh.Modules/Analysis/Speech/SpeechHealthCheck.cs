using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Readiness says whether speech to text is available, but the app is ready either way: without a model,
/// transcription reports <c>speech.model_missing</c> and pipelines carry on with captions or no transcript.
/// So this check is always Healthy; its description and <c>speech</c> datum say available or unavailable.
/// </summary>
internal sealed class SpeechHealthCheck(ISpeechTranscriber transcriber) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var available = transcriber.IsAvailable;
        var data = new Dictionary<string, object> { ["speech"] = available ? "available" : "unavailable" };
        return Task.FromResult(HealthCheckResult.Healthy($"speech: {(available ? "available" : "unavailable")} — {transcriber.Status}", data));
    }
}
