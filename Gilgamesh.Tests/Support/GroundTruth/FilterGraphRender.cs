using System.Collections.Concurrent;
using System.Globalization;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// Renders ground-truth media from an ffmpeg filter graph written to a script file (no shell quoting of
/// drawtext/enable expressions), once per name per test process, into <see cref="MediaGenerator.Folder"/>.
/// Deterministic: lavfi sources, fixed fonts, fixed seeds, single-threaded x264.
/// </summary>
internal static class FilterGraphRender
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Rendered = new();

    /// <summary>Writes <paramref name="text"/> to a file for drawtext's <c>textfile=</c> (no escaping of quotes, commas or colons).</summary>
    public static string TextFile(string name, string text)
    {
        var path = Path.Combine(MediaGenerator.Folder, name + ".txt");
        File.WriteAllText(path, text);
        return path;
    }

    public static string DrawText(string font, int size, string color, int x, int y, string textName, string text, string? enable = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"drawtext=fontfile={font}:textfile={TextFile(textName, text)}:fontsize={size}:fontcolor={color}:x={x}:y={y}{(enable is null ? "" : $":enable='{enable}'")}");

    /// <summary>One still PNG from <paramref name="graph"/> (output pad [out]).</summary>
    public static Task<string> ImageAsync(string fileName, string graph) =>
        RenderAsync(fileName, graph, "-frames:v 1");

    /// <summary>An H.264 MP4 (25 fps, yuv420p, CRF 18) from <paramref name="graph"/> (output pad [out]).</summary>
    public static Task<string> VideoAsync(string fileName, string graph) =>
        RenderAsync(fileName, graph, "-c:v libx264 -preset veryfast -crf 18 -threads 1 -pix_fmt yuv420p -r 25 -an");

    private static Task<string> RenderAsync(string fileName, string graph, string outputArguments) =>
        Rendered.GetOrAdd(fileName, name => new Lazy<Task<string>>(async () =>
        {
            var path = Path.Combine(MediaGenerator.Folder, name);
            var script = path + ".filter";
            await File.WriteAllTextAsync(script, graph);
            await MediaTools.Runner.RunAsync($"-y -filter_complex_script {script} -map [out] {outputArguments} {path}");
            return path;
        })).Value;
}
