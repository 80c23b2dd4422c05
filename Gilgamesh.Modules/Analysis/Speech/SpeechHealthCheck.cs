using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Readiness for speech to text. Without a model the app still serves (transcription reports
/// <c>speech.model_missing</c> and pipelines carry on with captions or no transcript), so the check is
/// Degraded, not Unhealthy, and its description says how to install one. Its data name the engine, why it
/// was chosen and the ONNX Runtime execution provider (CUDA or CPU, decided at run time).
/// </summary>
internal sealed class SpeechHealthCheck(ISpeechTranscriber transcriber) : IHealthCheck
{
    public const string HowTo = "install one: `gilgamesh models pull base` (Whisper.net ggml file into <DataDir>/models/ggml-base.bin; offline it prints the URL and the folder), or set Speech:GgmlModelPath / Speech:ModelDirectory";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var available = transcriber.IsAvailable;
        var data = new Dictionary<string, object>
        {
            ["speech"] = available ? "available" : "unavailable",
            ["onnxRuntime"] = OnnxExecution.Description,
        };
        if (transcriber is SelectedSpeechTranscriber selected)
        {
            data["engine"] = selected.Choice.Engine;
            data["engineReason"] = selected.Choice.Reason;
        }
        var description = $"speech: {(available ? "available" : "unavailable")} — {transcriber.Status}";
        return Task.FromResult(available
            ? HealthCheckResult.Healthy(description, data)
            : HealthCheckResult.Degraded($"{description}; {HowTo}", data: data));
    }
}
