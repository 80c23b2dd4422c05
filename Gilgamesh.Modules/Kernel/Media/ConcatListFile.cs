namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Content of a list file for ffmpeg's concat demuxer. Each path is single-quoted; a quote inside a
/// path is written as <c>'\''</c> (close, escaped quote, reopen), the demuxer's escaping rule.
/// </summary>
internal static class ConcatListFile
{
    // Full paths because the demuxer resolves relative entries against the list file's folder, not the cwd.
    public static string Render(IEnumerable<string> paths)
    {
        var lines = paths.Select(path => $"file '{Path.GetFullPath(path).Replace("'", @"'\''", StringComparison.Ordinal)}'").ToList();
        return lines.Count > 0
            ? string.Join('\n', lines) + "\n"
            : throw new ArgumentException("a concat list needs at least one file", nameof(paths));
    }
}
