using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Gilgamesh.Modules.Choreography.Blueprints;

/// <summary>
/// Validates a submitted blueprint: size, JSON, the published schema (JsonSchema.Net), then what a schema
/// cannot say — slots in order without overlap and inside the song, holds inside their slot, beats ascending,
/// and every id known to the libraries. Every problem is reported with a JSON pointer; nothing is read from
/// disk, so a path in place of an id is only ever text that fails the id pattern.
/// </summary>
internal static class BlueprintValidator
{
    /// <summary>1 MiB: a 10-minute song's grid and four moves a second are far below it.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly EvaluationOptions ListOutput = new() { OutputFormat = OutputFormat.List };

    public static async Task<BlueprintValidation> ValidateAsync(string json, IBlueprintIdCatalog catalog, CancellationToken ct)
    {
        var structural = ValidateStructure(json);
        if (!structural.IsValid) return structural;
        var blueprint = structural.Blueprint!;
        var errors = new List<BlueprintError>();
        if (!await catalog.IsKnownSongAsync(blueprint.Song.MediaId, ct).ConfigureAwait(false))
        {
            errors.Add(new("/song/media_id", $"no song {blueprint.Song.MediaId} in the media library"));
        }

        var known = await catalog.KnownMovesAsync(blueprint.MovesUsed.Select(m => m.MoveId).Distinct().ToArray(), ct).ConfigureAwait(false);
        for (var i = 0; i < blueprint.MovesUsed.Count; i++)
        {
            if (!known.Contains(blueprint.MovesUsed[i].MoveId))
            {
                errors.Add(new($"/moves_used/{i}/move_id", $"no move {blueprint.MovesUsed[i].MoveId} in the move library"));
            }
        }

        return errors.Count == 0 ? structural : new BlueprintValidation(errors, null);
    }

    /// <summary>Everything but the id look-ups: size, JSON, schema, timeline consistency.</summary>
    public static BlueprintValidation ValidateStructure(string json)
    {
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxBytes)
        {
            return Invalid("", string.Create(CultureInfo.InvariantCulture, $"blueprint is {bytes} bytes; the limit is {MaxBytes}"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return Invalid("", $"not JSON: {e.Message}");
        }

        using (document)
        {
            var schemaErrors = SchemaErrors(document.RootElement);
            if (schemaErrors.Count > 0) return new BlueprintValidation(schemaErrors, null);
            var blueprint = document.RootElement.Deserialize<Blueprint>(BlueprintJson.Options)!;
            var timelineErrors = BlueprintTimelineRules.Check(blueprint);
            return new BlueprintValidation(timelineErrors, timelineErrors.Count == 0 ? blueprint : null);
        }
    }

    private static List<BlueprintError> SchemaErrors(JsonElement root)
    {
        var results = BlueprintSchema.Schema.Evaluate(root, ListOutput);
        var errors = new List<BlueprintError>();
        if (results.IsValid) return errors;
        foreach (var node in results.Details ?? [])
        {
            if (node.Errors is not { Count: > 0 }) continue;
            var pointer = node.InstanceLocation.ToString();
            foreach (var (keyword, message) in node.Errors)
            {
                var error = new BlueprintError(pointer, Explain(root, pointer, keyword, message));
                if (!errors.Contains(error)) errors.Add(error);
            }
        }

        if (errors.Count == 0) errors.Add(new BlueprintError("", "does not match the blueprint schema"));
        return errors;
    }

    /// <summary>The library's message, made plainer where a user's likely mistake is known.</summary>
    private static string Explain(JsonElement root, string pointer, string keyword, string message)
    {
        if (pointer == "/schema_version" && keyword == "const")
        {
            return string.Create(CultureInfo.InvariantCulture, $"unsupported schema_version; this server reads version {BlueprintSchema.Version}");
        }

        if (keyword == "pattern" && JsonPointerText.Resolve(root, pointer) is { ValueKind: JsonValueKind.String } value
            && value.GetString() is { } text && (text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal) || text.Contains("..", StringComparison.Ordinal)))
        {
            return pointer.EndsWith("resolution", StringComparison.Ordinal)
                ? message
                : "an id (UUID) is expected here; paths are never accepted";
        }

        return message;
    }

    private static BlueprintValidation Invalid(string pointer, string message) => new([new BlueprintError(pointer, message)], null);
}
