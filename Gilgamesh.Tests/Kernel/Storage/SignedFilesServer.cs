using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>A real Kestrel server on a free loopback port with storage registered and /files mapped.</summary>
internal sealed class SignedFilesServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SignedFilesServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public IObjectStore Store => _app.Services.GetRequiredService<IObjectStore>();

    public static async Task<SignedFilesServer> StartAsync(Dictionary<string, string?> config)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        builder.Services.AddGilgameshStorage(builder.Configuration);
        var app = builder.Build();
        app.MapSignedFiles();
        await app.StartAsync();
        return new SignedFilesServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
