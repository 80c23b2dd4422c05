namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>One request to the model as recorded in <c>platform.model_calls</c> (<paramref name="StartedAt"/> in UTC).</summary>
/// <param name="Outcome">One of <see cref="ModelCallOutcome"/>'s values.</param>
internal sealed record ModelCallRecord(
    Guid Id,
    DateTime StartedAt,
    string Model,
    string Purpose,
    Guid? JobId,
    int LatencyMs,
    long? PromptTokens,
    long? CompletionTokens,
    string Outcome,
    string? Error);

internal static class ModelCallOutcome
{
    public const string Success = "success";
    public const string InvalidAnswer = "invalid_answer";
    public const string Timeout = "timeout";
    public const string CircuitOpen = "circuit_open";
    public const string RateLimited = "rate_limited";
    public const string Failed = "failed";
}
