using System.Net;
using System.Text;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel;

/// <summary>Bad input gets a coded RFC 7807 problem, 4xx not 5xx.</summary>
public sealed class BadInputTests : AppFixture
{
    private static async Task<(int Status, string? Code, string? ContentType)> ProblemOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return ((int)response.StatusCode, doc.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null,
            response.Content.Headers.ContentType?.MediaType);
    }

    [Test]
    public async Task GetJob_WhenUnknown_Returns404ProblemWithCode()
    {
        using var response = await App.Http.GetAsync($"/api/v1/jobs/{Guid.NewGuid()}");

        Assert.That(await ProblemOf(response), Is.EqualTo((404, "job.not_found", "application/problem+json")));
    }

    [Test]
    public async Task Post_WithMalformedJson_Returns400ProblemWithCode()
    {
        using var body = new StringContent("{\"durationSeconds\": 3,", Encoding.UTF8, "application/json");
        using var response = await App.Http.PostAsync("/api/v1/probe/renders", body);

        Assert.That(await ProblemOf(response), Is.EqualTo((400, "request.invalid_json", "application/problem+json")));
    }

    [Test]
    public async Task Post_WithWrongFieldType_Returns400ProblemWithCode()
    {
        using var body = new StringContent("{\"durationSeconds\": \"three\"}", Encoding.UTF8, "application/json");
        using var response = await App.Http.PostAsync("/api/v1/jobs/selftest", body);

        Assert.That(await ProblemOf(response), Is.EqualTo((400, "request.invalid_json", "application/problem+json")));
    }

    [Test]
    public async Task Post_WithOversizedBody_Returns413ProblemWithCode()
    {
        var padding = new string('x', 2 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/probe/renders")
        {
            Content = new StringContent($"{{\"durationSeconds\": 3, \"pad\": \"{padding}\"}}", Encoding.UTF8, "application/json"),
        };
        // As curl does for large bodies: the server's 413 arrives before the body is sent. Without it the
        // server may close the connection while the client is still writing, and the client sees a broken pipe.
        request.Headers.ExpectContinue = true;
        using var response = await App.Http.SendAsync(request);

        Assert.That(await ProblemOf(response), Is.EqualTo((413, "request.too_large", "application/problem+json")));
    }

    [Test]
    public async Task Post_WithOutOfRangeValue_Returns400ProblemWithCode()
    {
        using var response = await App.Http.PostAsync("/api/v1/jobs/selftest",
            new StringContent("{\"durationSeconds\": 9999}", Encoding.UTF8, "application/json"));

        Assert.That(await ProblemOf(response), Is.EqualTo((400, "request.invalid", "application/problem+json")));
    }

    [Test]
    public async Task List_WithUnknownStatus_Returns400ProblemWithCode()
    {
        using var response = await App.Http.GetAsync("/api/v1/jobs?status=exploded");

        Assert.That(await ProblemOf(response), Is.EqualTo((400, "request.invalid", "application/problem+json")));
    }

    [Test]
    public async Task UnknownRoute_Returns404ProblemWithCode()
    {
        using var response = await App.Http.GetAsync("/api/v1/nothing-here");

        Assert.That(await ProblemOf(response), Is.EqualTo((404, "resource.not_found", "application/problem+json")));
    }

    [Test]
    public async Task Cancel_OfAFinishedJob_Returns409ProblemWithCode()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/jobs/selftest", new { durationSeconds = 1, realtime = false });
        await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded");

        using var response = await App.Http.PostAsync($"/api/v1/jobs/{job.Id}/cancel", null);

        Assert.That(await ProblemOf(response), Is.EqualTo((409, "job.invalid_state", "application/problem+json")));
    }

    [Test]
    public async Task WebSocketEndpoint_WithPlainHttp_Returns400ProblemWithCode()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/jobs/selftest", new { durationSeconds = 1, realtime = false });
        using var response = await App.Http.GetAsync($"/api/v1/jobs/{job.Id}/ws");

        Assert.That(await ProblemOf(response), Is.EqualTo((400, "request.invalid", "application/problem+json")));
    }
}
