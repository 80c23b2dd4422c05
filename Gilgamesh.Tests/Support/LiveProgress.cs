using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Gilgamesh.Tests.Support;

/// <summary>Reads a job's live feed the way the dashboard does, over WebSocket or Server-Sent Events.</summary>
public static class LiveProgress
{
    public sealed record Message(string Type, string? Status, double? Percent, string? Stage);

    public static async Task<List<Message>> ReadWebSocketAsync(Uri baseAddress, Guid jobId, TimeSpan timeout, string apiKey)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", apiKey);
        using var cts = new CancellationTokenSource(timeout);
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = $"/api/v1/jobs/{jobId}/ws" }.Uri;
        await socket.ConnectAsync(uri, cts.Token);
        var messages = new List<Message>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cts.Token);
                frame.Write(buffer, 0, result.Count);
            } while (!result.EndOfMessage);
            if (result.MessageType == WebSocketMessageType.Close) break;
            messages.Add(Parse(Encoding.UTF8.GetString(frame.ToArray())));
        }
        return messages;
    }

    public static async Task<List<Message>> ReadServerSentEventsAsync(HttpClient http, Guid jobId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var response = await http.GetAsync($"/api/v1/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new InvalidOperationException($"Expected text/event-stream, got {response.Content.Headers.ContentType}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var messages = new List<Message>();
        string? eventType = null;
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("event: ")) eventType = line[7..];
            else if (line.StartsWith("data: "))
            {
                var message = Parse(line[6..]);
                if (message.Type != eventType) throw new InvalidOperationException($"event {eventType} carries a {message.Type} payload");
                messages.Add(message);
            }
        }
        return messages;
    }

    private static Message Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString()!;
        if (type != "progress") return new Message(type, null, null, null);
        var job = root.GetProperty("job");
        return new Message(type, job.GetProperty("status").GetString(), job.GetProperty("percent").GetDouble(),
            job.TryGetProperty("stage", out var stage) && stage.ValueKind == JsonValueKind.String ? stage.GetString() : null);
    }
}
