using System.Diagnostics.Metrics;

namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>
/// The model client's instruments (meter <c>Gilgamesh.Models</c>); prometheus-net's meter adapter publishes them on
/// <c>/metrics</c> as <c>gilgamesh_model_calls_total{model,purpose,outcome}</c>, <c>gilgamesh_model_call_seconds</c>
/// and <c>gilgamesh_model_tokens_total{model,kind}</c>.
/// </summary>
internal sealed class ModelMetrics : IDisposable
{
    public const string MeterName = "Gilgamesh.Models";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _seconds;
    private readonly Counter<long> _tokens;

    public ModelMetrics()
    {
        _calls = _meter.CreateCounter<long>("gilgamesh_model_calls", description: "Requests to the language model by outcome.");
        _seconds = _meter.CreateHistogram<double>("gilgamesh_model_call_seconds", "s", "Latency of requests to the language model.");
        _tokens = _meter.CreateCounter<long>("gilgamesh_model_tokens", description: "Tokens the language model reported, prompt and completion.");
    }

    public void Record(ModelCallRecord call)
    {
        var model = new KeyValuePair<string, object?>("model", call.Model);
        _calls.Add(1, model, new("purpose", call.Purpose), new("outcome", call.Outcome));
        _seconds.Record(call.LatencyMs / 1000.0, model, new("outcome", call.Outcome));
        if (call.PromptTokens is { } prompt)
        {
            _tokens.Add(prompt, model, new("kind", "prompt"));
        }

        if (call.CompletionTokens is { } completion)
        {
            _tokens.Add(completion, model, new("kind", "completion"));
        }
    }

    public void Dispose() => _meter.Dispose();
}
