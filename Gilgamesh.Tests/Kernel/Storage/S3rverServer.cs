using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>
/// A real S3-compatible server (npm <c>s3rver</c>) as a child process on a free loopback port, with
/// its data in a temp directory. It is installed once, never downloaded at test time:
/// <c>npm install --prefix &lt;repo&gt;/.tools/s3rver s3rver@3</c> (or point GILGAMESH_S3RVER at its bin script).
/// </summary>
internal sealed class S3rverServer : IDisposable
{
    public const string AccessKey = "S3RVER"; // s3rver's built-in credentials
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _directory;

    private S3rverServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }
    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<S3rverServer> StartAsync()
    {
        var script = FindScript();
        var directory = Directory.CreateTempSubdirectory("gilgamesh-s3rver-").FullName;
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "-d", directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for s3rver.");
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var server = new S3rverServer(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                break;
            if (await AcceptsConnectionsAsync(port))
                return server;
            await Task.Delay(100);
        }
        server.Dispose();
        lock (stderr)
            throw new InvalidOperationException($"s3rver ({script}) did not start listening on port {port} within 20 s. stderr:\n{stderr}");
    }

    /// <summary>GILGAMESH_S3RVER, else &lt;repo root&gt;/.tools/s3rver/node_modules/.bin/s3rver; a clear failure otherwise.</summary>
    private static string FindScript()
    {
        var fromEnv = Environment.GetEnvironmentVariable("GILGAMESH_S3RVER");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            if (File.Exists(fromEnv))
                return fromEnv;
            Assert.Fail($"GILGAMESH_S3RVER points to '{fromEnv}', which does not exist.");
        }
        var repoRoot = FindRepoRoot();
        var script = Path.Combine(repoRoot, ".tools", "s3rver", "node_modules", ".bin", "s3rver");
        if (!File.Exists(script))
            Assert.Fail($"s3rver is not installed (looked for {script}). Install it with: " +
                        $"npm install --prefix {Path.Combine(repoRoot, ".tools", "s3rver")} s3rver@3 — or set GILGAMESH_S3RVER.");
        return script;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Gilgamesh.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Gilgamesh.sln above {AppContext.BaseDirectory}.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
