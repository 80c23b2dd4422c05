using System.Diagnostics;
using System.Text;

namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>Runs a short-lived helper program to completion and captures what it printed.</summary>
internal static class ExternalProcess
{
    internal sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Output => (StdOut + "\n" + StdErr).Trim();
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct = default,
        string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "/",
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        Jobs.JobLogCapture.Note($"{Path.GetFileName(fileName)} {string.Join(' ', psi.ArgumentList)}");

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static string Describe(string fileName, IEnumerable<string> arguments)
    {
        var sb = new StringBuilder(fileName);
        foreach (var a in arguments) sb.Append(' ').Append(a.Contains(' ') ? $"\"{a}\"" : a);
        return sb.ToString();
    }
}
