using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>
/// <see cref="IModelClient"/> on Microsoft.Extensions.AI's <see cref="IChatClient"/> over the OpenAI client, whose
/// HTTP goes through the named client <see cref="HttpClientName"/> (timeouts, retries honouring <c>Retry-After</c>,
/// circuit breaker: <see cref="ModelResilience"/>). The OpenAI client's own retries are off, so retries happen once.
/// Before each request: the per-minute limiter, then a lease from <see cref="ILlmBudget"/>; after it: a record
/// (table and metrics) and a job-log line with the prompt and answer truncated. The key is only in the
/// credential object and never logged.
/// </summary>
internal sealed class ModelClient : IModelClient, IDisposable
{
    public const string HttpClientName = "gilgamesh-models";

    private readonly ModelOptions _options;
    private readonly IChatClient? _chat;
    private readonly FixedWindowRateLimiter _limiter;
    private readonly ILlmBudget _budget;
    private readonly ModelCallStore _store;
    private readonly ModelMetrics _metrics;
    private readonly ILogger<ModelClient> _logger;

    public ModelClient(IOptions<ModelOptions> options, IHttpClientFactory httpClients, ILlmBudget budget, ModelCallStore store, ModelMetrics metrics,
        ILogger<ModelClient> logger)
    {
        _options = options.Value;
        _budget = budget;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, _options.CallsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        if (_options.IsConfigured)
        {
            var clientOptions = new OpenAIClientOptions
            {
                Endpoint = new Uri(_options.Endpoint!),
                Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
                RetryPolicy = new ClientRetryPolicy(0),
                NetworkTimeout = TimeSpan.FromSeconds(_options.TotalTimeoutSeconds + 10),
            };
            // Local servers take no key; the client insists on one.
            var key = new ApiKeyCredential(string.IsNullOrEmpty(_options.ApiKey) ? "no-key" : _options.ApiKey);
            _chat = new OpenAI.Chat.ChatClient(_options.Model!, key, clientOptions).AsIChatClient();
        }
    }

    public bool IsConfigured => _chat is not null;

    public Task<ModelAnswer> CompleteAsync(ModelPrompt prompt, CancellationToken cancellationToken = default) =>
        SendAsync(prompt, prompt.Purpose, Messages(prompt, prompt.System), null, _ => null, cancellationToken);

    public async Task<JsonElement> CompleteJsonAsync(ModelPrompt prompt, string jsonSchema, CancellationToken cancellationToken = default)
    {
        var schema = new AnswerSchema(jsonSchema);
        var chatOptions = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.Document.RootElement, "answer") };
        var messages = Messages(prompt, $"{prompt.System}\n\nAnswer with one JSON value only, valid against this JSON schema:\n{jsonSchema}");
        JsonElement? parsed = null;
        string? problems = null;
        string? Validate(string text)
        {
            (parsed, problems) = schema.Check(text);
            return problems;
        }

        var first = await SendAsync(prompt, prompt.Purpose, messages, chatOptions, Validate, cancellationToken).ConfigureAwait(false);
        if (parsed is { } valid)
        {
            return valid;
        }

        // One repair: the model sees its answer and what is wrong with it.
        _logger.LogInformation("Model answer for {Purpose} rejected ({Problems}); asking once for a repair", prompt.Purpose, problems);
        messages.Add(new ChatMessage(ChatRole.Assistant, first.Text));
        messages.Add(new ChatMessage(ChatRole.User, $"That answer cannot be used: {problems}. Reply again with only the corrected JSON, valid against the schema."));
        await SendAsync(prompt, $"{prompt.Purpose}.repair", messages, chatOptions, Validate, cancellationToken).ConfigureAwait(false);
        return parsed ?? throw new ModelInvalidAnswerException($"the model's answer for {prompt.Purpose} is still unusable after a repair request: {problems}");
    }

    private async Task<ModelAnswer> SendAsync(ModelPrompt prompt, string purpose, List<ChatMessage> messages, ChatOptions? chatOptions,
        Func<string, string?> problemsOf, CancellationToken cancellationToken)
    {
        if (_chat is null)
        {
            throw new ModelNotConfiguredException();
        }

        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var permit = _limiter.AttemptAcquire();
        if (!permit.IsAcquired)
        {
            await RecordAsync(prompt, purpose, startedAt, clock, null, ModelCallOutcome.RateLimited, "per-minute limit reached").ConfigureAwait(false);
            throw new ModelRateLimitedException(_options.CallsPerMinute);
        }

        await using var lease = await _budget.LeaseAsync(prompt, cancellationToken).ConfigureAwait(false);
        ChatResponse response;
        try
        {
            response = await _chat.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var outcome = Classify(e);
            await RecordAsync(prompt, purpose, startedAt, clock, null, outcome, e.Message).ConfigureAwait(false);
            _logger.LogWarning("Model call {Purpose} to {Model} failed: {Outcome}: {Message}", purpose, _options.Model, outcome, LogText.Truncate(e.Message, _options.LogCharacters));
            throw new ModelUnavailableException($"the language model did not answer {purpose} ({outcome}): {LogText.Truncate(e.Message, 300)}", e);
        }

        var answer = new ModelAnswer(response.Text, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
        var problems = problemsOf(answer.Text);
        await RecordAsync(prompt, purpose, startedAt, clock, answer, problems is null ? ModelCallOutcome.Success : ModelCallOutcome.InvalidAnswer, problems)
            .ConfigureAwait(false);
        _logger.LogInformation("Model call {Purpose} to {Model} in {LatencyMs} ms: prompt {Prompt} → answer {Answer}", purpose, _options.Model,
            clock.ElapsedMilliseconds, LogText.Truncate(messages[^1].Text, _options.LogCharacters), LogText.Truncate(answer.Text, _options.LogCharacters));
        return answer;
    }

    private async Task RecordAsync(ModelPrompt prompt, string purpose, DateTime startedAt, Stopwatch clock, ModelAnswer? answer, string outcome, string? error)
    {
        var record = new ModelCallRecord(Guid.NewGuid(), startedAt, _options.Model ?? "", purpose, prompt.JobId, (int)clock.ElapsedMilliseconds,
            answer?.PromptTokens, answer?.CompletionTokens, outcome, error is null ? null : LogText.Truncate(error, 1000));
        _metrics.Record(record);
        try
        {
            await _store.AddAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // A lost record must not fail the caller's work; the metrics still counted it.
            _logger.LogWarning(e, "Could not record the model call {Purpose}", purpose);
        }
    }

    private static string Classify(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case BrokenCircuitException:
                    return ModelCallOutcome.CircuitOpen;
                case TimeoutRejectedException:
                    return ModelCallOutcome.Timeout;
                case ClientResultException { Status: 429 }:
                    return ModelCallOutcome.RateLimited;
            }
        }

        return ModelCallOutcome.Failed;
    }

    private static List<ChatMessage> Messages(ModelPrompt prompt, string system) =>
        [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, prompt.User)];

    public void Dispose() => _limiter.Dispose();
}
