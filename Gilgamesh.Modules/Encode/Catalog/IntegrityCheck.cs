using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>
/// ffprobe, then a full decode with <c>-xerror</c> (stop at the first decoding error): a file that fails is
/// corrupt and is never encoded. The reason is ffmpeg's own last words.
/// </summary>
internal sealed class IntegrityCheck(MediaProbe probe, FfmpegRunner runner)
{
    public async Task<(MediaInfo? Info, string? Problem)> CheckAsync(string path, CancellationToken ct)
    {
        MediaInfo info;
        try
        {
            info = await probe.ProbeAsync(path, ct);
        }
        catch (GilgameshException e)
        {
            return (null, $"ffprobe: {e.Message}");
        }

        if (info.PrimaryVideo is null) return (info, "no video stream");
        try
        {
            await runner.RunAsync(DecodeCheckArguments(path), cancellationToken: ct);
        }
        catch (FfmpegException e)
        {
            return (info, $"decode: {LastLine(e.StderrTail)}");
        }

        return (info, null);
    }

    /// <summary>Decode every stream to nothing, failing on the first error.</summary>
    internal static string DecodeCheckArguments(string path) => $"-xerror -i {QuotedPath.Quote(path)} -map 0:v -map 0:a? -f null -";

    private static string LastLine(string tail)
    {
        var lines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "ffmpeg failed" : lines[^1];
    }
}
