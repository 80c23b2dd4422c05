using System.Text.Json;
using Gilgamesh.Modules.Ingest.Analyses;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// Reads a process request body by hand so every shape error is a 400 problem with a precise message. Array elements
/// that are not strings are not shape errors: they become that position's <c>link.invalid</c>, like any bad URL.
/// </summary>
internal static class ProcessRequestReader
{
    public static (IReadOnlyList<string> Urls, ProcessOptions Options) Read(JsonElement root, int maxUrls)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("urls", out var urls))
            throw Invalid("The body must be an object with a \"urls\" array.");
        if (urls.ValueKind != JsonValueKind.Array) throw Invalid("\"urls\" must be an array of URL strings.");
        if (urls.GetArrayLength() > maxUrls) throw Invalid($"At most {maxUrls} URLs per request; got {urls.GetArrayLength()}.");
        var list = urls.EnumerateArray().Select(u => u.ValueKind == JsonValueKind.String ? u.GetString()! : u.GetRawText()).ToList();

        var options = new ProcessOptions();
        if (root.TryGetProperty("options", out var raw) && raw.ValueKind != JsonValueKind.Null)
        {
            if (raw.ValueKind != JsonValueKind.Object) throw Invalid("\"options\" must be an object.");
            try
            {
                options = raw.Deserialize<ProcessOptions>() ?? options;
            }
            catch (JsonException e)
            {
                throw Invalid($"\"options\" has a value of the wrong type: {e.Message}");
            }
        }
        if (options.Analyses.FirstOrDefault(a => !AnalysisKinds.All.Contains(a)) is { } unknown)
            throw Invalid($"Unknown analysis '{unknown}'; use scenes, ocr or transcript.");
        return (list, options);
    }

    private static GilgameshException Invalid(string message) => new(ErrorCodes.InvalidRequest, message, 400);
}
