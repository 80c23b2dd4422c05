using System.Text.Json;

namespace Gilgamesh.Modules.Choreography.Blueprints;

/// <summary>Reads the value an RFC 6901 pointer names, to word an error about it (e.g. a path where an id belongs).</summary>
internal static class JsonPointerText
{
    public static JsonElement? Resolve(JsonElement root, string pointer)
    {
        if (pointer.Length == 0) return root;
        var current = root;
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 0 && i < current.GetArrayLength()) current = current[i];
            else return null;
        }
        return current;
    }
}
