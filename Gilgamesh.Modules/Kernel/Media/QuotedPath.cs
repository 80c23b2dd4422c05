namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Guards paths that go into an argument string. FFMpegCore wraps paths in double quotes without
/// escaping, so a path containing <c>"</c> would silently split into wrong arguments; reject it instead.
/// </summary>
internal static class QuotedPath
{
    public static string Require(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, parameterName);
        return path.Contains('"')
            ? throw new ArgumentException($"media paths may not contain a double quote: {path}", parameterName)
            : path;
    }

    /// <summary>The path in double quotes, as FFMpegCore writes input/output paths.</summary>
    public static string Quote(string path) => $"\"{Require(path, nameof(path))}\"";
}
