using System.Text.Json;
using Json.Schema;

namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>A caller's JSON schema, compiled once per call, and the check of an answer against it (JsonSchema.Net).</summary>
internal sealed class AnswerSchema
{
    private readonly JsonSchema _schema;

    public AnswerSchema(string schemaText)
    {
        try
        {
            Document = JsonDocument.Parse(schemaText);
            _schema = JsonSchema.FromText(schemaText);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"the answer schema is not valid JSON: {e.Message}", nameof(schemaText), e);
        }
    }

    public JsonDocument Document { get; }

    /// <summary>The parsed answer, or null with the problems (a parse error or the schema's complaints) to send back for repair.</summary>
    public (JsonElement? Answer, string? Problems) Check(string text)
    {
        JsonElement answer;
        try
        {
            using var document = JsonDocument.Parse(StripFence(text));
            answer = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, $"the answer is not valid JSON: {e.Message}");
        }

        var results = _schema.Evaluate(answer, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return (answer, null);
        }

        var problems = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Take(10)
            .ToList();
        return (null, "the answer does not match the schema: " + (problems.Count > 0 ? string.Join("; ", problems) : "invalid"));
    }

    // Chat models often wrap JSON in a ```json fence although asked not to; that is not worth a repair round.
    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLine = trimmed.IndexOf('\n');
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine > 0 && end > firstLine ? trimmed[(firstLine + 1)..end].Trim() : trimmed;
    }
}
