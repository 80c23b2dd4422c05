using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gilgamesh.Tests.Support;

/// <summary>
/// The real Gilgamesh.App binary in its own process (as users run it), for what only a process can show:
/// kill -9, restarts, two instances on one database. The test assembly's module is loaded by path.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;
    public TimeSpan TimeToReady { get; private set; }
    public string AdminKey { get; private set; } = "";

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<AppProcess> StartAsync(string dataDir, string? connectionString = null,
        IDictionary<string, string>? environment = null, TimeSpan? readyTimeout = null, bool provisionAdminKey = true)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        psi.ArgumentList.Add(Path.Combine(RepositoryPaths.TestBin, "Gilgamesh.App.dll"));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["Gilgamesh__DataDir"] = dataDir;
        psi.Environment["Gilgamesh__ModuleAssemblies__0"] = typeof(AppProcess).Assembly.Location;
        psi.Environment["Jobs__QueuePollMilliseconds"] = "100";
        psi.Environment["Jobs__CancellationCheckSeconds"] = "1";
        psi.Environment["Logging__LogLevel__Default"] = "Information";
        psi.Environment["Gilgamesh__Admin__Password"] = TestAccounts.AdminPassword;
        psi.Environment["Accounts__ApiRequestsPerMinute"] = "100000";
        if (connectionString is not null) psi.Environment["ConnectionStrings__Postgres"] = connectionString;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;

        var started = Stopwatch.StartNew();
        var app = new AppProcess(Process.Start(psi)!, new Uri($"http://127.0.0.1:{port}"));
        await app.WaitUntilReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(90));
        app.TimeToReady = started.Elapsed;
        if (!provisionAdminKey) return app;
        using var session = await TestAccounts.SignInAsync(app.BaseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);
        app.AdminKey = await TestAccounts.CreateKeyAsync(session, "tests-admin");
        app.Http.DefaultRequestHeaders.Add("X-Api-Key", app.AdminKey);
        return app;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Gilgamesh.App exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Gilgamesh.App was not ready within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as after a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd or docker stop sends; waits for a clean exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try { await StopAsync(); }
        catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
