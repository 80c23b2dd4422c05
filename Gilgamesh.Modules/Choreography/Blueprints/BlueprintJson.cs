using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gilgamesh.Modules.Choreography.Blueprints;

/// <summary>The one set of JSON options for blueprints: snake_case as the published schema names them.</summary>
internal static class BlueprintJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        WriteIndented = false,
    };

    public static string Serialize(Blueprint blueprint) => JsonSerializer.Serialize(blueprint, Options);

    public static Blueprint? Deserialize(string json) => JsonSerializer.Deserialize<Blueprint>(json, Options);
}
