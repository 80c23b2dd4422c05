using System.Text.Json;

namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>
/// The platform's one client for a language model. Check <see cref="IsConfigured"/> (or catch
/// <see cref="ModelNotConfiguredException"/>) and fall back to local analysis when there is none. Every request
/// is rate limited, retried, circuit-broken, timed out, leased from the LLM budget and recorded. See docs/model-client.md.
/// </summary>
internal interface IModelClient
{
    bool IsConfigured { get; }

    /// <summary>A free-text answer.</summary>
    /// <exception cref="ModelNotConfiguredException">No endpoint configured.</exception>
    /// <exception cref="ModelUnavailableException">Failed after retries, timed out, or the circuit is open.</exception>
    /// <exception cref="ModelRateLimitedException">The per-minute limit is used up.</exception>
    Task<ModelAnswer> CompleteAsync(ModelPrompt prompt, CancellationToken cancellationToken = default);

    /// <summary>
    /// An answer that is JSON valid against <paramref name="jsonSchema"/> (JSON Schema text). A malformed or invalid
    /// answer gets one repair request (the errors are sent back); still invalid → <see cref="ModelInvalidAnswerException"/>.
    /// </summary>
    Task<JsonElement> CompleteJsonAsync(ModelPrompt prompt, string jsonSchema, CancellationToken cancellationToken = default);
}

/// <summary>What to ask. <paramref name="Purpose"/> names the caller in records and metrics (<c>highlights.rank</c>).</summary>
internal sealed record ModelPrompt(string Purpose, string System, string User, Guid? JobId = null);

/// <summary>An answer with the model's token counts (null when the endpoint does not report them).</summary>
internal sealed record ModelAnswer(string Text, long? PromptTokens, long? CompletionTokens);
