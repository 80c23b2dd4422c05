using System.Diagnostics;

namespace Gilgamesh.Tests.Support;

/// <summary>Runs the built App binary with a verb, as a user does, and captures exit code and both streams.</summary>
internal static class AppCli
{
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] args) => RunAsync(null, args);

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(IDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(RepositoryPaths.TestBin, "Gilgamesh.App.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
