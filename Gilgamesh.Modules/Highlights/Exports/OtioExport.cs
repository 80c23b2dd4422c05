using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gilgamesh.Modules.Highlights.Exports;

/// <summary>
/// The reel as OpenTimelineIO JSON (<c>.otio</c>): a timeline with a video and an audio track of clips whose
/// <c>source_range</c> is the span of the original in frames at its rate, each referencing the original
/// through an <c>ExternalReference</c>; chapters are markers, score and reasons are clip metadata.
/// </summary>
internal static class OtioExport
{
    public static string Write(Reel reel)
    {
        var tracks = new JsonArray { Track(reel, "Video") };
        if (reel.Source.HasAudio) tracks.Add(Track(reel, "Audio"));
        var timeline = new JsonObject
        {
            ["OTIO_SCHEMA"] = "Timeline.1",
            ["metadata"] = new JsonObject(),
            ["name"] = reel.Title,
            ["global_start_time"] = null,
            ["tracks"] = new JsonObject
            {
                ["OTIO_SCHEMA"] = "Stack.1",
                ["metadata"] = new JsonObject(),
                ["name"] = "tracks",
                ["source_range"] = null,
                ["effects"] = new JsonArray(),
                ["markers"] = new JsonArray(),
                ["enabled"] = true,
                ["children"] = tracks,
            },
        };
        return timeline.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Track(Reel reel, string kind)
    {
        var clips = new JsonArray();
        foreach (var clip in reel.Clips)
        {
            var inFrame = reel.Source.Frame(clip.Start);
            var outFrame = reel.Source.Frame(clip.End);
            clips.Add(new JsonObject
            {
                ["OTIO_SCHEMA"] = "Clip.2",
                ["metadata"] = new JsonObject
                {
                    ["gilgamesh"] = new JsonObject
                    {
                        ["score"] = clip.Score,
                        ["reasons"] = new JsonArray(clip.Reasons.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
                        ["start_seconds"] = clip.Start,
                        ["end_seconds"] = clip.End,
                        ["crop_center_x"] = clip.CropCenterX,
                    },
                },
                ["name"] = clip.Title,
                ["source_range"] = Range(reel.Source, inFrame, outFrame - inFrame),
                ["effects"] = new JsonArray(),
                ["markers"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["OTIO_SCHEMA"] = "Marker.2",
                        ["metadata"] = new JsonObject(),
                        ["name"] = clip.Chapter,
                        ["color"] = "GREEN",
                        ["comment"] = "chapter",
                        ["marked_range"] = Range(reel.Source, inFrame, 0),
                    },
                },
                ["enabled"] = true,
                ["media_references"] = new JsonObject
                {
                    ["DEFAULT_MEDIA"] = new JsonObject
                    {
                        ["OTIO_SCHEMA"] = "ExternalReference.1",
                        ["metadata"] = new JsonObject(),
                        ["name"] = reel.Source.Name,
                        ["available_range"] = Range(reel.Source, 0, reel.Source.DurationFrames),
                        ["available_image_bounds"] = null,
                        ["target_url"] = reel.Source.FileUri.AbsoluteUri,
                    },
                },
                ["active_media_reference_key"] = "DEFAULT_MEDIA",
            });
        }
        return new JsonObject
        {
            ["OTIO_SCHEMA"] = "Track.1",
            ["metadata"] = new JsonObject(),
            ["name"] = kind == "Video" ? "V1" : "A1",
            ["source_range"] = null,
            ["effects"] = new JsonArray(),
            ["markers"] = new JsonArray(),
            ["enabled"] = true,
            ["children"] = clips,
            ["kind"] = kind,
        };
    }

    private static JsonObject Range(ReelSource source, long startFrame, long frames) => new()
    {
        ["OTIO_SCHEMA"] = "TimeRange.1",
        ["duration"] = Time(source, frames),
        ["start_time"] = Time(source, startFrame),
    };

    private static JsonObject Time(ReelSource source, long frames) => new()
    {
        ["OTIO_SCHEMA"] = "RationalTime.1",
        ["rate"] = source.FramesPerSecond,
        ["value"] = (double)frames,
    };
}
