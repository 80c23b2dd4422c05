using System.ComponentModel;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>
/// The one way to run a helper program other than ffmpeg (tesseract, yt-dlp, PostgreSQL's tools): CliWrap runs it to
/// completion with stdin closed and stdout/stderr captured; a non-zero exit is returned, not thrown, so each caller
/// classifies its own failures. Cancellation kills the process (CliWrap's forceful cancellation). A program that cannot
/// be started throws <see cref="Win32Exception"/>, whatever CliWrap wraps it in, so callers can name the package to install.
/// </summary>
internal static class ExternalProcess
{
    internal sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Output => (StdOut + "\n" + StdErr).Trim();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068",
        Justification = "The working directory and environment are optional extras most callers leave out; the token stays beside the arguments.")]
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct = default,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var argumentList = arguments as IReadOnlyCollection<string> ?? arguments.ToList();
        var command = Cli.Wrap(fileName)
            .WithArguments(argumentList)
            .WithWorkingDirectory(workingDirectory ?? "/")
            .WithStandardInputPipe(PipeSource.Null)
            .WithValidation(CommandResultValidation.None);
        if (environment is not null) command = command.WithEnvironmentVariables(environment);
        // The job's log shows every helper program it ran, with its arguments.
        Jobs.JobLogCapture.Note($"{Path.GetFileName(fileName)} {string.Join(' ', argumentList)}");
        try
        {
            var result = await command.ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8, ct).ConfigureAwait(false);
            return new Result(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not Win32Exception && e.InnerException is Win32Exception start)
        {
            throw start;
        }
    }

    public static string Describe(string fileName, IEnumerable<string> arguments)
    {
        var sb = new StringBuilder(fileName);
        foreach (var a in arguments) sb.Append(' ').Append(a.Contains(' ') ? $"\"{a}\"" : a);
        return sb.ToString();
    }
}
