using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// Issue 13 item 14: the API reference describes every operation (summary, who may call it, problem responses with
/// codes), declares the security schemes so try-it sends the key, and hides Scalar's hosted-product buttons.
/// </summary>
public sealed class ApiReferenceTests : AppFixture
{
    [Test]
    public async Task OpenApiDocument_DescribesEveryOperation_ItsAuthAndItsProblems()
    {
        var document = await App.GetJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Key: $"{o.Name.ToUpperInvariant()} {p.Name}", Op: o.Value)))
            .ToList();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");

        Assert.Multiple(() =>
        {
            Assert.That(operations, Has.Count.GreaterThanOrEqualTo(38));
            Assert.That(operations.Where(o => !o.Op.TryGetProperty("summary", out var s) || string.IsNullOrWhiteSpace(s.GetString())).Select(o => o.Key),
                Is.Empty, "operations without a summary");
            Assert.That(schemes.GetProperty("ApiKey").GetProperty("name").GetString(), Is.EqualTo("X-Api-Key"));
            Assert.That(schemes.GetProperty("ApiKey").GetProperty("in").GetString(), Is.EqualTo("header"));
            Assert.That(schemes.GetProperty("Bearer").GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
            var secured = operations.Where(o => o.Key != "POST /api/v1/auth/sign-in" && o.Key != "GET /api/v1/auth/antiforgery").ToList();
            Assert.That(secured.Where(o => !o.Op.TryGetProperty("security", out var s) || s.GetArrayLength() == 0).Select(o => o.Key),
                Is.Empty, "operations needing a key must say so");
            Assert.That(secured.Where(o => !o.Op.GetProperty("responses").TryGetProperty("401", out _)).Select(o => o.Key), Is.Empty);
            var complete = operations.Single(o => o.Key == "POST /api/v1/ingest/uploads/sessions/{id}/complete").Op.GetProperty("responses");
            Assert.That(complete.GetProperty("409").GetProperty("description").GetString(), Does.Contain("upload.incomplete"));
            Assert.That(complete.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _), Is.True);
            var items = operations.Single(o => o.Key == "GET /api/v1/ingest/items").Op;
            Assert.That(items.GetProperty("description").GetString(), Does.Contain("viewer"));
        });
    }

    [Test]
    public async Task ReferencePage_TurnsOffTheAgentMcpTelemetryAndDeveloperTools()
    {
        var html = await App.Http.GetStringAsync("/api");
        var compact = html.Replace(" ", "", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(compact, Does.Contain("\"showDeveloperTools\":\"never\""), "no Generate SDK / Deploy toolbar");
            Assert.That(compact, Does.Contain("\"agent\":{\"disabled\":true}"), "no Ask AI");
            Assert.That(compact, Does.Contain("\"telemetry\":false"));
        });
    }
}
