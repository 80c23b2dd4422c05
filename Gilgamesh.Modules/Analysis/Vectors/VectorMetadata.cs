using System.Text.Json;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// The filterable fields of one vector (difficulty, energy, style, ...). Values are text or numbers only,
/// because those are the two kinds the filters (equals, in, range) can compare without guessing.
/// </summary>
internal sealed class VectorMetadata
{
    public static readonly VectorMetadata Empty = new(new Dictionary<string, object>());

    private readonly Dictionary<string, object> _fields;

    private VectorMetadata(Dictionary<string, object> fields) => _fields = fields;

    public IReadOnlyDictionary<string, object> Fields => _fields;

    /// <summary>Fields from (name, value) pairs; values must be strings or numbers (stored as double).</summary>
    public static VectorMetadata Of(params (string Name, object Value)[] fields)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in fields) map[name] = Normalise(name, value);
        return new VectorMetadata(map);
    }

    public static VectorMetadata FromJson(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null) return Empty;
        var map = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Number => property.Value.GetDouble(),
                _ => throw new FormatException($"metadata field '{property.Name}' is neither text nor a number"),
            };
        }
        return new VectorMetadata(map);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in _fields)
        {
            if (value is string text) writer.WriteString(name, text);
            else writer.WriteNumber(name, (double)value);
        }
        writer.WriteEndObject();
    }

    private static object Normalise(string name, object value) => value switch
    {
        string s => s,
        double d => d,
        float f => (double)f,
        int i => (double)i,
        long l => (double)l,
        decimal m => (double)m,
        _ => throw new ArgumentException($"metadata field '{name}' must be text or a number, not {value.GetType().Name}"),
    };
}
