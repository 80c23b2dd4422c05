using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gilgamesh.Modules.Kernel.Database.Embedded;

/// <summary>
/// The zero-configuration database: a PostgreSQL cluster that lives in <c>&lt;DataDir&gt;/postgres</c>,
/// listens on 127.0.0.1 only and is started and stopped by the app. A server left running by a killed
/// app is reused; a stale <c>postmaster.pid</c> from a crash is cleared so the server recovers.
/// </summary>
public sealed partial class EmbeddedPostgresCluster
{
    private const string SuperUser = "gilgamesh";
    private readonly string _dataDir;
    private readonly DatabaseOptions _options;
    private readonly ILogger _logger;
    private readonly string? _serverUser;
    private PostgresBinaries? _binaries;

    public EmbeddedPostgresCluster(string dataDir, DatabaseOptions options, ILogger logger)
    {
        _dataDir = Path.GetFullPath(dataDir);
        _options = options;
        _logger = logger;
        // PostgreSQL refuses to run as root, so a root app runs the server as an unprivileged user.
        _serverUser = Environment.IsPrivilegedProcess ? options.EmbeddedServerUser : null;
    }

    public string ClusterDir => Path.Combine(_dataDir, "postgres");
    private string SecretsDir => Path.Combine(_dataDir, "secrets");
    private string PasswordFile => Path.Combine(SecretsDir, "postgres-password");
    private string PortFile => Path.Combine(SecretsDir, "postgres-port");
    private string PidFile => Path.Combine(ClusterDir, "postmaster.pid");

    /// <summary>Starts (initialising on first use) the cluster and returns a connection string to its database.</summary>
    public async Task<string> StartAsync(CancellationToken ct = default)
    {
        _binaries = PostgresBinaries.Locate(_options.EmbeddedBinDir);
        Directory.CreateDirectory(SecretsDir);
        File.SetUnixFileMode(SecretsDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        if (!File.Exists(Path.Combine(ClusterDir, "PG_VERSION")))
            await InitAsync(ct);

        var port = await ReuseRunningServerPortAsync(ct) ?? await StartServerAsync(ct);
        var connectionString = BuildConnectionString(port, "postgres");
        await EnsureDatabaseAsync(connectionString, ct);
        return BuildConnectionString(port, _options.EmbeddedDatabase);
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!File.Exists(PidFile)) return;
        _binaries ??= PostgresBinaries.Locate(_options.EmbeddedBinDir);
        var result = await RunServerToolAsync(_binaries.PgCtl, ["stop", "-D", ClusterDir, "-m", "fast", "-w", "-t", "30"], ct);
        if (result.ExitCode != 0)
            _logger.LogWarning("pg_ctl stop exited with {ExitCode}: {Output}", result.ExitCode, result.Output);
        else
            _logger.LogInformation("Embedded PostgreSQL stopped");
    }

    private async Task InitAsync(CancellationToken ct)
    {
        _logger.LogInformation("Initialising embedded PostgreSQL cluster in {ClusterDir}", ClusterDir);
        if (Directory.Exists(ClusterDir) && Directory.EnumerateFileSystemEntries(ClusterDir).Any())
            throw new GilgameshException(ErrorCodes.DatabaseUnavailable,
                $"{ClusterDir} exists but holds no PostgreSQL cluster (no PG_VERSION); move it away and start again.", 503);

        Directory.CreateDirectory(ClusterDir);
        File.SetUnixFileMode(ClusterDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await WriteSecretAsync(PasswordFile, password, ct);

        // initdb reads the superuser password from a file the server user can read; it is removed right after.
        var pwFile = Path.Combine(_dataDir, $".initdb-{Guid.NewGuid():N}");
        await WriteSecretAsync(pwFile, password, ct);
        try
        {
            if (_serverUser is not null)
            {
                await EnsureServerUserCanReachAsync(ct);
                await ChownAsync(ClusterDir, ct);
                await ChownAsync(pwFile, ct);
            }
            var result = await RunServerToolAsync(_binaries!.InitDb,
                ["-D", ClusterDir, "-U", SuperUser, "--pwfile", pwFile, "-E", "UTF8", "--locale", "C",
                 "--auth-host", "scram-sha-256", "--auth-local", "peer"], ct);
            if (result.ExitCode != 0)
                throw new GilgameshException(ErrorCodes.DatabaseUnavailable, $"initdb failed: {Tail(result.Output)}", 503);
        }
        finally
        {
            File.Delete(pwFile);
        }
    }

    /// <summary>A server left running by an earlier app process (killed, not stopped) is reused as is.</summary>
    private async Task<int?> ReuseRunningServerPortAsync(CancellationToken ct)
    {
        if (!File.Exists(PidFile)) return null;
        var status = await RunServerToolAsync(_binaries!.PgCtl, ["status", "-D", ClusterDir], ct);
        if (status.ExitCode == 0 && TryReadPidFilePort(out var port))
        {
            _logger.LogInformation("Reusing embedded PostgreSQL already running on port {Port}", port);
            return port;
        }

        // The server is gone but its pid file stayed (crash, kill -9, power loss): clear it so it can start.
        _logger.LogWarning("Removing stale {PidFile} left by a server that is no longer running", PidFile);
        File.Delete(PidFile);
        return null;
    }

    private async Task<int> StartServerAsync(CancellationToken ct)
    {
        var port = ChoosePort();
        var logFile = Path.Combine(ClusterDir, "server.log");
        var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200";
        var result = await RunServerToolAsync(_binaries!.PgCtl,
            ["start", "-D", ClusterDir, "-l", logFile, "-w", "-t", "60", "-o", serverOptions], ct);
        if (result.ExitCode != 0)
        {
            var log = File.Exists(logFile) ? Tail(await File.ReadAllTextAsync(logFile, ct)) : "";
            throw new GilgameshException(ErrorCodes.DatabaseUnavailable,
                $"Embedded PostgreSQL did not start: {Tail(result.Output)} {log}", 503);
        }
        _logger.LogInformation("Embedded PostgreSQL started on 127.0.0.1:{Port}", port);
        return port;
    }

    private int ChoosePort()
    {
        if (_options.EmbeddedPort > 0) return _options.EmbeddedPort;
        if (File.Exists(PortFile) && int.TryParse(File.ReadAllText(PortFile).Trim(), out var saved) && IsPortFree(saved))
            return saved;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        File.WriteAllText(PortFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private bool TryReadPidFilePort(out int port)
    {
        port = 0;
        // postmaster.pid: line 1 pid, 2 data dir, 3 start time, 4 port.
        var lines = File.ReadAllLines(PidFile);
        return lines.Length >= 4 && int.TryParse(lines[3].Trim(), out port);
    }

    private string BuildConnectionString(int port, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SuperUser,
        Password = File.ReadAllText(PasswordFile).Trim(),
        Database = database,
        MaxPoolSize = 60,
    }.ConnectionString;

    private async Task EnsureDatabaseAsync(string adminConnectionString, CancellationToken ct)
    {
        var name = _options.EmbeddedDatabase;
        if (!DatabaseName().IsMatch(name))
            throw new GilgameshException(ErrorCodes.DatabaseUnavailable, $"Database:EmbeddedDatabase '{name}' must match [a-z_][a-z0-9_]*", 503);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection);
        exists.Parameters.AddWithValue(name);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it between our check and our create.
        }
    }

    private async Task EnsureServerUserCanReachAsync(CancellationToken ct)
    {
        var probe = await ExternalProcess.RunAsync(RunUser, ["-u", _serverUser!, "--", "test", "-x", _dataDir], ct);
        if (probe.ExitCode != 0)
            throw new GilgameshException(ErrorCodes.DatabaseUnavailable,
                $"The app runs as root, so the embedded PostgreSQL runs as the user '{_serverUser}', which cannot reach {_dataDir} " +
                "(a parent folder is not traversable). Set Gilgamesh__DataDir to a folder such as /var/lib/gilgamesh, " +
                "or set Database__EmbeddedServerUser to a user that can reach it.", 503);
    }

    private Task<ExternalProcess.Result> RunServerToolAsync(string tool, string[] args, CancellationToken ct) =>
        _serverUser is null
            ? ExternalProcess.RunAsync(tool, args, ct)
            : ExternalProcess.RunAsync(RunUser, ["-u", _serverUser, "--", tool, .. args], ct);

    private async Task ChownAsync(string path, CancellationToken ct)
    {
        var result = await ExternalProcess.RunAsync("chown", [$"{_serverUser}:", path], ct);
        if (result.ExitCode != 0)
            throw new GilgameshException(ErrorCodes.DatabaseUnavailable,
                $"Could not hand {path} to the server user '{_serverUser}' (does the user exist?): {result.Output}", 503);
    }

    private static async Task WriteSecretAsync(string path, string value, CancellationToken ct)
    {
        await using (var stream = new FileStream(path, new FileStreamOptions
                     {
                         Mode = FileMode.Create, Access = FileAccess.Write,
                         UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                     }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(value.AsMemory(), ct);
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static readonly string[] RunUserPaths = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"];

    private static string RunUser =>
        RunUserPaths.FirstOrDefault(File.Exists)
        ?? throw new GilgameshException(ErrorCodes.DatabaseUnavailable,
            "Running as root needs 'runuser' (Debian package util-linux) to start PostgreSQL as an unprivileged user.", 503);

    private static string Tail(string text) => text.Length <= 1500 ? text.Trim() : text[^1500..].Trim();

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex DatabaseName();
}
