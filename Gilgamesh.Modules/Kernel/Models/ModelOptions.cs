namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>
/// Section <c>Models</c>: one OpenAI-compatible chat endpoint (Ollama, llama.cpp server, vLLM, OpenAI, Gemini's
/// compatibility endpoint). Without <see cref="Endpoint"/> and <see cref="Model"/> the client is "not configured"
/// and callers use their local analysis.
/// </summary>
internal sealed class ModelOptions
{
    public const string Section = "Models";

    /// <summary>Base URL including the API version path, e.g. <c>http://localhost:11434/v1</c> or <c>https://api.openai.com/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name as the endpoint knows it (<c>llama3.1:8b</c>, <c>gpt-4o-mini</c>).</summary>
    public string? Model { get; set; }

    /// <summary>Bearer key; empty for local servers. Never logged; prefer the environment (<c>Models__ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Limit of one attempt.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 60;

    /// <summary>Limit of a call with all its retries.</summary>
    public double TotalTimeoutSeconds { get; set; } = 180;

    /// <summary>Retries after a transient failure (timeouts, 408, 429, 5xx), exponential with jitter, or as long as <c>Retry-After</c> says.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; doubles each retry.</summary>
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>Calls (in a 30 s window) before the circuit breaker judges; it opens when half of them failed.</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit fails calls at once before it lets one through.</summary>
    public double CircuitBreakSeconds { get; set; } = 30;

    /// <summary>Requests to the endpoint per minute from this instance (repairs count); beyond it calls fail with <c>models.rate_limited</c>.</summary>
    public int CallsPerMinute { get; set; } = 60;

    /// <summary>Characters of a prompt or answer written to the job log.</summary>
    public int LogCharacters { get; set; } = 500;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
