using System.Globalization;

namespace Gilgamesh.Modules.Kernel.Media.Render.Joins;

/// <summary>Whether inputs can be joined by stream copy: same codecs, frame size, rate, and audio format (pure).</summary>
internal static class JoinCompatibility
{
    /// <summary>The first difference found, as a reason to re-encode; null when the concat demuxer can join them.</summary>
    public static string? Mismatch(IReadOnlyList<MediaInfo> inputs)
    {
        var first = inputs[0];
        for (var i = 1; i < inputs.Count; i++)
        {
            var (a, b) = (first.PrimaryVideo, inputs[i].PrimaryVideo);
            if (a is null || b is null)
            {
                return "an input has no video";
            }

            if (a.Codec != b.Codec || a.Width != b.Width || a.Height != b.Height || Math.Abs((a.FramesPerSecond ?? 0) - (b.FramesPerSecond ?? 0)) > 0.01)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"input {i} is {b.Codec} {b.Width}x{b.Height} at {b.FramesPerSecond:0.###} fps, input 0 {a.Codec} {a.Width}x{a.Height} at {a.FramesPerSecond:0.###} fps");
            }

            var (x, y) = (first.PrimaryAudio, inputs[i].PrimaryAudio);
            if ((x is null) != (y is null) || x is not null && y is not null && (x.Codec != y.Codec || x.SampleRate != y.SampleRate || x.Channels != y.Channels))
            {
                return string.Create(CultureInfo.InvariantCulture, $"input {i}'s audio differs from input 0's ({y?.Codec} {y?.SampleRate} Hz {y?.Channels} ch vs {x?.Codec} {x?.SampleRate} Hz {x?.Channels} ch)");
            }
        }

        return null;
    }
}
