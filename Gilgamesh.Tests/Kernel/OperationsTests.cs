using System.Net;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel;

/// <summary>What an operator relies on: health, metrics, the API description, the console, the module directory.</summary>
public sealed class OperationsTests : AppFixture
{
    [Test]
    public async Task Ready_ReportsEveryDependencyHealthy()
    {
        using var doc = JsonDocument.Parse(await App.Http.GetStringAsync("/health/ready"));

        Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("degraded"), "no speech model installed in tests");
        var checks = doc.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("status").GetString());
        Assert.That(checks, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["database"] = "healthy", ["storage"] = "healthy", ["ffmpeg"] = "healthy", ["hangfire"] = "healthy",
            ["speech"] = "degraded", // serves without a speech model; the description says how to install one
            ["budgets"] = "healthy",
            ["models"] = "healthy", // no LLM configured is a supported state (modules use their local analysis); the description says so
            ["encoders"] = "healthy", // the encode module's probe: every CPU encoder works; no NVENC here is normal
        }));
        Assert.That(doc.RootElement.GetProperty("checks").GetProperty("speech").GetProperty("description").GetString(), Does.StartWith("speech: unavailable"));
    }

    [Test]
    public async Task Ready_WhenFfmpegIsMissing_Returns503NamingThePackage()
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Media:FfmpegPath"] = "/nonexistent/ffmpeg",
        });

        using var response = await app.Http.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("ffmpeg").And.Contain("apt-get install ffmpeg"));
        Assert.That((await app.Http.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "alive even when not ready");
    }

    [Test]
    public async Task Metrics_ExposeJobsByModuleAndStatusAndQueueDepth()
    {
        var job = await JobApi.PostAsync(App.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        await JobApi.WaitForStatusAsync(App.Http, job.Id, "succeeded");

        var metrics = await App.Http.GetStringAsync("/metrics");

        Assert.That(metrics, Does.Contain("gilgamesh_jobs{module=\"probe\",status=\"succeeded\"}"));
        Assert.That(metrics, Does.Contain("gilgamesh_queue_depth{queue=\"media\"}"));
        Assert.That(metrics, Does.Contain("http_requests_received_total"));
    }

    [Test]
    public async Task OpenApi_DescribesKernelAndModuleEndpoints_AndTheReferenceUiServes()
    {
        using var doc = JsonDocument.Parse(await App.Http.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(paths, Is.SupersetOf(new[] { "/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/cancel", "/api/v1/jobs/{id}/retry", "/api/v1/probe/renders" }));
        using var ui = await App.Http.GetAsync("/api/");
        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ui.Content.ReadAsStringAsync(), Does.Contain("Gilgamesh API"));
    }

    [Test]
    public async Task HangfireConsole_ServesLocalRequests()
    {
        using var response = await App.Http.GetAsync("/hangfire");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Gilgamesh jobs"));
    }

    [Test]
    public async Task ModuleDirectory_ListsTheTestModuleAndItsNavigation()
    {
        using var modules = JsonDocument.Parse(await App.Http.GetStringAsync("/api/v1/modules"));
        using var navigation = JsonDocument.Parse(await App.Http.GetStringAsync("/api/v1/modules/navigation"));

        Assert.That(modules.RootElement.EnumerateArray().Select(m => m.GetProperty("name").GetString()), Does.Contain("probe"));
        var entries = navigation.RootElement.EnumerateArray()
            .Select(n => (n.GetProperty("title").GetString(), n.GetProperty("path").GetString(), n.GetProperty("module").GetString())).ToList();
        Assert.That(entries, Does.Contain(("Jobs", "#/jobs", "platform")).And.Contain(("Probe", "#/probe", "probe")));
    }

    [Test]
    public async Task Dashboard_IsServedWithSecurityHeaders()
    {
        using var response = await App.Http.GetAsync("/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
    }
}
