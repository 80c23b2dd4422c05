using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Extraction;

/// <summary>
/// Finds yt-dlp on every call (not once at startup), so installing it, or a test writing its stand-in, takes effect
/// without a restart: <see cref="LinksOptions.YtDlpPath"/> when configured, else <c>yt-dlp</c> on PATH.
/// </summary>
internal sealed class YtDlpLocator(IOptions<LinksOptions> options)
{
    public string? Find()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.YtDlpPath))
            return File.Exists(options.Value.YtDlpPath) ? options.Value.YtDlpPath : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "yt-dlp");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
