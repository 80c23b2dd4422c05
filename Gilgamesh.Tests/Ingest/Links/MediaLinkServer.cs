using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Gilgamesh.Modules.Kernel.Media;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>
/// A small web server on 127.0.0.1 (random port) that behaves like the internet does to a URL fetcher: media files
/// (optionally after a delay), redirects (one, or a chain of
/// exactly N), 404, a lying Content-Length, an endless chunked body, the wrong content type,
/// a page of links, a server that never answers, and one that drops the connection mid-body. It counts hits per URL
/// (path and query) and the most downloads it ever served at once.
/// </summary>
internal sealed class MediaLinkServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Path, string ContentType)> _files = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private int _active;
    private int _maxActive;

    private MediaLinkServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;
    public int Port => BaseAddress.Port;
    public string Origin => $"127.0.0.1:{Port}";
    public int MaxSimultaneous => Volatile.Read(ref _maxActive);

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).AbsoluteUri;

    public int Hits(string pathAndQuery) => _hits.GetValueOrDefault(pathAndQuery);

    public void ResetConcurrency() => Interlocked.Exchange(ref _maxActive, 0);

    public void AddFile(string name, string path, string contentType) => _files[name] = (path, contentType);

    /// <summary>
    /// The generated files the URL tests fetch: clip.mp4 (3 s video + tone), long.mp4 (the same for 6 s, so larger),
    /// silent.mp4, audio.wav, still.jpg.
    /// </summary>
    public async Task AddTestMediaAsync()
    {
        AddFile("clip.mp4", await MediaGenerator.VideoWithToneAsync(), "video/mp4");
        AddFile("long.mp4", await MediaGenerator.GenerateAsync("links-long.mp4",
            new GeneratedClipSpec(MediaTime.FromSeconds(2 * MediaGenerator.Seconds))), "video/mp4");
        AddFile("silent.mp4", await MediaGenerator.VideoOnlyAsync(), "video/mp4");
        AddFile("audio.wav", await MediaGenerator.ToneOnlyAsync(), "audio/wav");
        AddFile("still.jpg", await StillImageAsync(), "image/jpeg");
    }

    /// <summary>Where a served file lives on disk (the tests compare what the app returns with it).</summary>
    public string FileOf(string name) => _files[name].Path;

    public static async Task<MediaLinkServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new MediaLinkServer(app);
        app.Use(async (context, next) =>
        {
            server._hits.AddOrUpdate(context.Request.Path + context.Request.QueryString, 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/media/{name}", server.ServeMediaAsync);
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/hops/{count:int}/{name}", server.HopAsync);
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/private", () => Results.StatusCode(403));
        app.MapGet("/too-large", TooLargeAsync);
        app.MapGet("/endless", EndlessAsync);
        app.MapGet("/text", () => Results.Text("just some words", "text/plain"));
        app.MapGet("/page", () => Results.Content(
            "<html><body><a href=\"/media/clip.mp4\">a clip</a> <a href=\"/media/audio.wav\">a tone</a></body></html>", "text/html"));
        app.MapGet("/slow", SlowAsync);
        app.MapGet("/drop", server.DropAsync);
        app.MapGet("/captions.vtt", () => Results.Text("WEBVTT\n\n00:00.000 --> 00:02.000\nhello there\n", "text/vtt"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>?delay=ms holds the download open that long (before the body), so overlapping downloads can be seen.</summary>
    private async Task ServeMediaAsync(HttpContext context, string name, int? delay)
    {
        if (!_files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var now = Interlocked.Increment(ref _active);
        for (var max = Volatile.Read(ref _maxActive); now > max; max = Volatile.Read(ref _maxActive))
            if (Interlocked.CompareExchange(ref _maxActive, now, max) == max) break;
        try
        {
            if (delay is > 0) await Task.Delay(delay.Value, context.RequestAborted);
            var bytes = await File.ReadAllBytesAsync(file.Path);
            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>A chain of exactly <paramref name="count"/> redirects (query kept) ending at media file <paramref name="name"/>.</summary>
    private async Task HopAsync(HttpContext context, int count, string name)
    {
        if (count == 0)
        {
            await ServeMediaAsync(context, name, null);
            return;
        }
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = $"/hops/{count - 1}/{name}{context.Request.QueryString}";
    }

    /// <summary>Announces 100 MB; the fetcher must refuse from the header and never read on.</summary>
    private static async Task TooLargeAsync(HttpContext context)
    {
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = 100_000_000;
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try { await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted); } catch (OperationCanceledException) { }
        context.Abort();
    }

    /// <summary>Chunked (no length) and never-ending: only the streaming size check can stop it.</summary>
    private static async Task EndlessAsync(HttpContext context)
    {
        context.Response.ContentType = "application/octet-stream";
        var chunk = new byte[64 * 1024];
        Random.Shared.NextBytes(chunk);
        try
        {
            for (var i = 0; i < 10_000 && !context.RequestAborted.IsCancellationRequested; i++)
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException) { }
    }

    /// <summary>Answers nothing for half a minute.</summary>
    private static async Task SlowAsync(HttpContext context)
    {
        try { await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted); } catch (OperationCanceledException) { }
    }

    /// <summary>Promises the whole clip, sends half, then drops the connection.</summary>
    private async Task DropAsync(HttpContext context)
    {
        var bytes = await File.ReadAllBytesAsync(_files["clip.mp4"].Path);
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.Body.FlushAsync();
        context.Abort();
    }

    private static async Task<string> StillImageAsync()
    {
        var path = Path.Combine(MediaGenerator.Folder, "links-still.jpg");
        if (!File.Exists(path))
            await MediaTools.Runner.RunAsync($"-y -f lavfi -i testsrc2=s=320x240 -frames:v 1 {path}");
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
