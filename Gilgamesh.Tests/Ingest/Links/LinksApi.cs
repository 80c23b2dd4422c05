using System.Net.Http.Json;
using System.Text.Json;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary><c>POST /api/v1/ingest/process</c> as the URL processing tests call it, in-process app or app process alike.</summary>
internal static class LinksApi
{
    /// <summary>POSTs a process request and returns the answer array (fails the test on any status but 200).</summary>
    public static async Task<JsonElement[]> ProcessAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/ingest/process", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    public static string ErrorCode(JsonElement result) =>
        result.GetProperty("error").ValueKind == JsonValueKind.Object ? result.GetProperty("error").GetProperty("code").GetString()! : "(none)";
}
