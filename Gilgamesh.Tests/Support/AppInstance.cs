using Npgsql;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Gilgamesh.App.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Tests.Support;

/// <summary>
/// A real Gilgamesh host in this process, on Kestrel at a free loopback port, against a real database,
/// with the test assembly's module loaded. Dispose stops it.
/// </summary>
public sealed class AppInstance : IAsyncDisposable
{
    /// <summary>Password of the <c>admin</c> user the app creates on its first start (<c>Gilgamesh:Admin:Password</c>).</summary>
    public const string AdminPassword = TestAccounts.AdminPassword;

    private readonly WebApplication _app;
    private readonly TempDirectory? _ownedDataDir;

    private AppInstance(WebApplication app, Uri baseAddress, string dataDir, TempDirectory? ownedDataDir)
    {
        _app = app;
        BaseAddress = baseAddress;
        DataDir = dataDir;
        _ownedDataDir = ownedDataDir;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }
    public string DataDir { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;
    public CapturedLogs Logs { get; private init; } = null!;

    /// <summary>An admin API key; <see cref="Http"/> sends it on every request.</summary>
    public string AdminKey { get; private init; } = "";

    /// <summary>A client with no credentials that does not follow redirects (so a sign-in redirect is seen as such).</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public Task<TestAccounts.TestUser> CreateUserAsync(string role, string? userName = null) =>
        TestAccounts.CreateUserAsync(BaseAddress, Http, role, userName);

    /// <summary>Starts an app on a fresh database (or the given one) and waits until it serves.</summary>
    public static async Task<AppInstance> StartAsync(string? connectionString = null, string? dataDir = null,
        IDictionary<string, string?>? settings = null)
    {
        connectionString ??= await TestDatabase.CreateAsync("app");
        var owned = dataDir is null ? new TempDirectory("gilgamesh-data") : null;
        dataDir ??= owned!.Path;
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Gilgamesh:DataDir"] = dataDir,
            ["urls"] = "http://127.0.0.1:0",
            // Every index: configuration binding overlays appsettings.json's [10, 60, 300] position by position.
            ["Jobs:RetryDelaysSeconds:0"] = "1",
            ["Jobs:RetryDelaysSeconds:1"] = "1",
            ["Jobs:RetryDelaysSeconds:2"] = "1",
            ["Jobs:QueuePollMilliseconds"] = "100",
            ["Jobs:SchedulePollSeconds"] = "1",
            ["Jobs:CancellationCheckSeconds"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Gilgamesh:Admin:Password"] = TestAccounts.AdminPassword,
            // Tests poll hard; the rate-limit test starts its own app with a low limit.
            ["Accounts:ApiRequestsPerMinute"] = "100000",
            ["Accounts:SignInsPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;

        var logs = new CapturedLogs();
        var app = await GilgameshHost.CreateAsync([], b =>
            {
                b.Configuration.AddInMemoryCollection(config);
                b.Services.AddSingleton<ILoggerProvider>(logs);
            },
            extraModuleAssemblies: [typeof(AppInstance).Assembly]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1"));
        using var session = await TestAccounts.SignInAsync(baseAddress, TestAccounts.AdminUser, TestAccounts.AdminPassword);
        var adminKey = await TestAccounts.CreateKeyAsync(session, "tests-admin");
        var instance = new AppInstance(app, baseAddress, dataDir, owned) { Logs = logs, AdminKey = adminKey };
        instance.Http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        return instance;
    }

    public async Task<T> GetJsonAsync<T>(string path) =>
        (await Http.GetFromJsonAsync<T>(path, TestJson.Options))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedDataDir?.Dispose();
        // Hangfire opens connections by connection string, so they sit in Npgsql's process-wide pool (idle for up
        // to five minutes) after the app is gone. Every fixture has its own database, so without this the suite's
        // idle connections pile up past the test cluster's max_connections.
        NpgsqlConnection.ClearAllPools();
    }
}
