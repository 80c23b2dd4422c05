using System.Diagnostics;
using System.Net;

namespace Gilgamesh.Bench;

/// <summary>
/// The Release Gilgamesh.App binary in its own process (`dotnet Gilgamesh.App.dll --urls ...`) on an
/// embedded cluster under <see cref="DataDir"/>, as a user runs it. Output lines are kept with the
/// time they arrived, so a run can show where its start time went.
/// </summary>
internal sealed class AppRunner : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceStart;
    private readonly List<(double Ms, string Line)> _lines = [];

    private AppRunner(Process process, Stopwatch sinceStart, Uri baseAddress)
    {
        _process = process;
        _sinceStart = sinceStart;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;
    /// <summary>Milliseconds from Process.Start to the first HTTP answer (any status) and to the first 200 of /health/ready.</summary>
    public double ListeningMs { get; private set; } = double.NaN;
    public double ReadyMs { get; private set; } = double.NaN;
    /// <summary>When the request that got the first 200 was sent (ReadyMs minus this = that request's own time).</summary>
    public double ReadyRequestSentMs { get; private set; } = double.NaN;

    public IReadOnlyList<(double Ms, string Line)> Lines { get { lock (_lines) return [.. _lines]; } }

    public static async Task<AppRunner> StartAsync(string appDll, string dataDir, int port, TimeSpan readyTimeout, TimeSpan pollInterval,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        psi.ArgumentList.Add(appDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["Gilgamesh__DataDir"] = dataDir;
        psi.Environment["Logging__LogLevel__Default"] = "Information";
        // Every route needs an identity: the bench signs in as this admin and uses an API key; wrk must not be rate limited.
        psi.Environment["Gilgamesh__Admin__Password"] = Gilgamesh.Tests.Support.TestAccounts.AdminPassword;
        psi.Environment["Accounts__ApiRequestsPerMinute"] = "100000000";
        psi.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        var clock = Stopwatch.StartNew();
        var runner = new AppRunner(Process.Start(psi)!, clock, new Uri($"http://127.0.0.1:{port}"));
        await runner.WaitUntilReadyAsync(readyTimeout, pollInterval);
        return runner;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Add((_sinceStart.Elapsed.TotalMilliseconds, line));
            if (_lines.Count > 2000) _lines.RemoveRange(0, 1000);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, TimeSpan pollInterval)
    {
        // A fresh client each start: no pooled connection to a previous process.
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (_sinceStart.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Gilgamesh.App exited with {_process.ExitCode} before it was ready:\n{Tail(40)}");
            var sent = _sinceStart.Elapsed.TotalMilliseconds;
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (double.IsNaN(ListeningMs)) ListeningMs = _sinceStart.Elapsed.TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ReadyMs = _sinceStart.Elapsed.TotalMilliseconds;
                    ReadyRequestSentMs = sent;
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(pollInterval);
        }
        throw new TimeoutException($"Gilgamesh.App was not ready within {timeout}:\n{Tail(40)}");
    }

    public string Tail(int lines) => string.Join('\n', Lines.TakeLast(lines).Select(l => l.Line));

    /// <summary>SIGTERM, as systemd or docker stop sends; waits for the clean exit (which stops the embedded server).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        Machine.SigTerm(_process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
