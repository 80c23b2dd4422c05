using Json.Schema;

namespace Gilgamesh.Modules.Choreography.Blueprints;

/// <summary>
/// The published JSON Schema (draft 2020-12) of a blueprint, served at
/// <c>/api/v1/choreography/blueprint.schema.json</c>. Versioned by <c>schema_version</c>: a change that
/// an old reader cannot take adds a new version and a new constant here; never edit a published one.
/// Ids are UUID strings by pattern (format is only an annotation in 2020-12), so a path can never pass.
/// </summary>
internal static class BlueprintSchema
{
    public const int Version = 1;

    public const string Id = "https://gilgamesh.invalid/schemas/choreography/blueprint-v1.schema.json";


    public const string Text = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://gilgamesh.invalid/schemas/choreography/blueprint-v1.schema.json",
          "title": "Gilgamesh choreography blueprint",
          "description": "A song's beat grid and the dance moves that fill it slot by slot; times in seconds; ids only, never paths.",
          "type": "object",
          "required": ["schema_version", "task_id", "song", "moves_used", "video_output", "generator"],
          "additionalProperties": false,
          "properties": {
            "schema_version": { "const": 1 },
            "task_id": { "$ref": "#/$defs/uuid" },
            "song": {
              "type": "object",
              "required": ["media_id", "bpm", "beats", "downbeats", "duration"],
              "additionalProperties": false,
              "properties": {
                "media_id": { "$ref": "#/$defs/uuid" },
                "bpm": { "type": "number", "exclusiveMinimum": 0, "maximum": 400 },
                "beats": { "type": "array", "maxItems": 20000, "items": { "type": "number", "minimum": 0 } },
                "downbeats": { "type": "array", "maxItems": 5000, "items": { "type": "number", "minimum": 0 } },
                "duration": { "type": "number", "exclusiveMinimum": 0, "maximum": 3600 }
              }
            },
            "moves_used": {
              "type": "array",
              "maxItems": 4000,
              "items": {
                "type": "object",
                "required": ["move_id", "start_beat", "start_time", "duration", "speed", "mirror", "counts"],
                "additionalProperties": false,
                "properties": {
                  "move_id": { "$ref": "#/$defs/uuid" },
                  "start_beat": { "type": "integer", "minimum": 0 },
                  "start_time": { "type": "number", "minimum": 0 },
                  "duration": { "type": "number", "exclusiveMinimum": 0 },
                  "speed": { "type": "number", "minimum": 0.25, "maximum": 4 },
                  "mirror": { "type": "boolean" },
                  "transition": {
                    "type": "object",
                    "required": ["kind"],
                    "additionalProperties": false,
                    "properties": {
                      "kind": { "enum": ["cut", "crossfade"] },
                      "duration": { "type": "number", "minimum": 0, "maximum": 2 },
                      "cost": { "type": "number", "minimum": 0 }
                    }
                  },
                  "counts": { "type": "integer", "minimum": 1, "maximum": 64 },
                  "hold_start": { "type": "number", "minimum": 0 },
                  "hold_end": { "type": "number", "minimum": 0 },
                  "accent_time": { "type": "number", "minimum": 0 },
                  "reasons": { "type": "array", "maxItems": 20, "items": { "type": "string", "maxLength": 300 } }
                }
              }
            },
            "video_output": {
              "type": "object",
              "required": ["resolution", "fps", "codec"],
              "additionalProperties": false,
              "properties": {
                "resolution": { "type": "string", "pattern": "^[1-9][0-9]{1,3}x[1-9][0-9]{1,3}$" },
                "fps": { "type": "number", "exclusiveMinimum": 0, "maximum": 120 },
                "codec": { "enum": ["h264", "hevc", "av1"] }
              }
            },
            "generator": {
              "type": "object",
              "required": ["seed", "version", "analyzer"],
              "additionalProperties": false,
              "properties": {
                "seed": { "type": "integer" },
                "version": { "type": "string", "maxLength": 64 },
                "analyzer": { "type": "string", "maxLength": 64 }
              }
            }
          },
          "$defs": {
            "uuid": { "type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }
          }
        }
        """;

    private static readonly Lazy<JsonSchema> Parsed = new(() => JsonSchema.FromText(Text));

    public static JsonSchema Schema => Parsed.Value;
}
