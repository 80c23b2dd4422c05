using System.Globalization;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// ffmpeg exited with a non-zero code. Carries the command line and the stderr tail because
/// "ffmpeg failed" alone is undiagnosable; both are in the message too, so plain logs show them.
/// </summary>
internal sealed class FfmpegException(string commandLine, int exitCode, string stderrTail)
    : GilgameshException(
        ErrorCodes.FfmpegFailed,
        string.Create(CultureInfo.InvariantCulture, $"ffmpeg exited with code {exitCode}: {commandLine}\n{stderrTail}"),
        422)
{
    public string CommandLine { get; } = commandLine;
    public int ExitCode { get; } = exitCode;
    public string StderrTail { get; } = stderrTail;
}
