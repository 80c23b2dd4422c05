using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Gilgamesh.Modules.Encode.Exchange;

/// <summary>The published JSON Schema of library files (<c>docs/encode/libraries.schema.json</c>, embedded) and its validation.</summary>
internal static class LibrarySchema
{
    private const string ResourceName = "Gilgamesh.Modules.Encode.libraries.schema.json";

    public static string Text { get; } = ReadText();

    private static readonly JsonSchema Schema = JsonSchema.FromText(Text);

    /// <summary>Every error as a JSON pointer into the document and what is wrong there; empty when the document is valid.</summary>
    public static IReadOnlyList<ImportError> Validate(JsonNode? document)
    {
        var results = Schema.Evaluate(JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        return [.. (results.Details ?? []).Append(results)
            .Where(r => r.Errors is { Count: > 0 })
            .SelectMany(r => r.Errors!.Select(e => new ImportError(r.InstanceLocation.ToString(), e.Value)))
            .Distinct()];
    }

    private static string ReadText()
    {
        using var stream = typeof(LibrarySchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One problem of an import document: where (a JSON pointer, "" for the whole document) and what.</summary>
internal sealed record ImportError(string Pointer, string Message);
