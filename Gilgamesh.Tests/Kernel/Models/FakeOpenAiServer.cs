using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Tests.Kernel.Models;

/// <summary>
/// TEST DOUBLE: an in-process fake OpenAI-compatible server (Kestrel on a loopback port), standing in for a language
/// model endpoint, which cannot run here. It answers <c>POST /v1/chat/completions</c> with scripted replies in order
/// (a completion with given content, a status with an optional <c>Retry-After</c>, or a delay) and keeps every
/// request it received (time, body, Authorization header). With no reply scripted it answers 500.
/// </summary>
internal sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _replies = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<FakeRequest> Requests => _requests.ToList();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.Endpoint = app.Urls.First() + "/v1";
        return server;
    }

    /// <summary>Next reply: a chat completion whose message content is <paramref name="content"/>, with token usage 12/7.</summary>
    public void ReplyWith(string content) => _replies.Enqueue(context =>
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = "fake-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 12, completion_tokens = 7, total_tokens = 19 },
        }));
    });

    /// <summary>Next reply: <paramref name="status"/> with an error body, and <c>Retry-After</c> in seconds when given.</summary>
    public void ReplyStatus(int status, int? retryAfterSeconds = null) => _replies.Enqueue(context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"error":{"message":"scripted failure","type":"server_error"}}""");
    });

    /// <summary>Next reply: nothing for <paramref name="delay"/> (meant to be longer than the client's timeout), then an empty body.</summary>
    public void ReplyAfter(TimeSpan delay) => _replies.Enqueue(async context =>
    {
        await Task.Delay(delay, context.RequestAborted);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{}");
    });

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        _requests.Enqueue(new FakeRequest(DateTime.UtcNow, await reader.ReadToEndAsync(), context.Request.Headers.Authorization.ToString()));
        if (_replies.TryDequeue(out var reply))
        {
            await reply(context);
            return;
        }

        context.Response.StatusCode = 500;
        await context.Response.WriteAsync("""{"error":{"message":"no scripted reply"}}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record FakeRequest(DateTime At, string Body, string Authorization);
