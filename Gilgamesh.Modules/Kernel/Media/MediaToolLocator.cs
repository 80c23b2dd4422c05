using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Finds the ffmpeg and ffprobe binaries: the configured path when set, else the first executable
/// on PATH. Not cached, so installing ffmpeg while the app runs heals the health check without a restart;
/// a lookup is a handful of stat calls, cheap next to the process it precedes.
/// </summary>
internal sealed class MediaToolLocator(IOptions<MediaOptions> options)
{
    private const string InstallHint = "install the Debian package 'ffmpeg' (apt-get install ffmpeg)";

    public string FfmpegPath => Resolve(options.Value.FfmpegPath, "ffmpeg", "Media:FfmpegPath");

    public string FfprobePath => Resolve(options.Value.FfprobePath, "ffprobe", "Media:FfprobePath");

    private static string Resolve(string? configured, string tool, string configKey)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IsExecutable(configured)
                ? Path.GetFullPath(configured)
                : throw Missing($"{tool} not found at {configKey} '{configured}': {InstallHint}");
        }

        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? tool + ".exe" : tool))
            .FirstOrDefault(IsExecutable);
        return found ?? throw Missing($"{tool} not found: {InstallHint}");
    }

    private static GilgameshException Missing(string message) =>
        new(ErrorCodes.FfmpegMissing, message, 503);

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
