using System.Net;
using System.Text;
using Gilgamesh.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Kernel.Accounts;

/// <summary>
/// Walks every endpoint the app maps (kernel and modules) and checks who may call it. An endpoint added
/// later without a policy, or with too weak a one, fails here.
/// </summary>
public sealed class EndpointAuthorizationTests : AppFixture
{
    /// <summary>Reachable without an identity, on purpose: health, sign-in, signed files, and static assets of the API reference.</summary>
    private static readonly string[] Allowlist =
    [
        "/health/live", "/health/ready", "/api/v1/auth/sign-in", "/api/v1/auth/antiforgery", "/files/",
        "/api/scalar.js", "/api/scalar.aspnetcore.js", "/api/favicon.svg",
    ];

    /// <summary>Changes a viewer may make: to their own session, password and keys.</summary>
    private static readonly string[] SelfService = ["/api/v1/auth/", "/api/v1/keys"];

    private sealed record Route(string Method, string Pattern, string Url, bool Anonymous);

    private IReadOnlyList<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods.Where(m => m != "HEAD"))
                routes.Add(new Route(method, pattern, Concrete(endpoint.RoutePattern), anonymous));
        }
        return routes;
    }

    /// <summary>A URL that matches the pattern: route parameters get plausible values.</summary>
    private static string Concrete(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var sb = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            sb.Append('/');
            foreach (var part in segment.Parts)
            {
                sb.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { IsCatchAll: true } => "x",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.Name == "documentName" => "v1",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => Guid.NewGuid().ToString(),
                    _ => "",
                });
            }
        }
        return sb.Length == 0 ? "/" : sb.ToString();
    }

    private static HttpRequestMessage Request(Route route) => new(new HttpMethod(route.Method), route.Url)
    {
        Content = route.Method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    private static bool IsMutating(Route route) => route.Method is "POST" or "PUT" or "PATCH" or "DELETE";

    [Test]
    public void EveryEndpoint_NamesAPolicyOrAllowsAnonymousAccessExplicitly()
    {
        var unmarked = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                        && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.That(unmarked, Is.Empty, "endpoints without an explicit policy");
        Assert.That(Routes(), Has.Count.GreaterThan(20), "the walk found the app's endpoints");
    }

    [Test]
    public void AllowAnonymous_IsUsedOnlyOnTheAllowlist()
    {
        var anonymous = Routes().Where(r => r.Anonymous).Select(r => r.Pattern).Distinct();

        Assert.That(anonymous.Where(p => !Allowlist.Any(a => p.StartsWith(a, StringComparison.Ordinal))), Is.Empty);
    }

    [Test]
    public async Task Anonymous_IsRefusedEverywhereButTheAllowlist()
    {
        using var anonymous = App.Anonymous();
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => !r.Anonymous))
        {
            using var response = await anonymous.SendAsync(Request(route));
            var redirectedToSignIn = response.StatusCode == HttpStatusCode.Redirect
                                     && response.Headers.Location?.ToString().Contains("#/sign-in") == true;
            // The Hangfire console is a page: a browser is sent to sign in. Everything else answers 401.
            if (response.StatusCode != HttpStatusCode.Unauthorized && !(redirectedToSignIn && route.Pattern.StartsWith("/hangfire")))
                failures.Add($"{route.Method} {route.Url} → {(int)response.StatusCode}");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Viewer_IsRefusedEveryChangeButSelfService()
    {
        using var viewer = await App.CreateUserAsync("viewer");
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => !r.Anonymous && IsMutating(r) && !SelfService.Any(s => r.Pattern.StartsWith(s, StringComparison.Ordinal))))
        {
            using var response = await viewer.Http.SendAsync(Request(route));
            if (response.StatusCode != HttpStatusCode.Forbidden) failures.Add($"{route.Method} {route.Url} → {(int)response.StatusCode}");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Admin_IsAllowedEverywhere()
    {
        var failures = new List<string>();
        foreach (var route in Routes().Where(r => !r.Anonymous && !r.Pattern.StartsWith("/api/v1/auth/sign-out")))
        {
            using var response = await App.Http.SendAsync(Request(route));
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                failures.Add($"{route.Method} {route.Url} → {(int)response.StatusCode}");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task OtherUser_Gets404OnSomeoneElsesJob_AdminSeesIt()
    {
        using var alice = await App.CreateUserAsync("editor");
        using var bob = await App.CreateUserAsync("editor");
        var job = await JobApi.PostAsync(alice.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        await JobApi.WaitForStatusAsync(alice.Http, job.Id, "succeeded");

        foreach (var (method, url) in new[]
                 {
                     ("GET", $"/api/v1/jobs/{job.Id}"), ("POST", $"/api/v1/jobs/{job.Id}/cancel"), ("POST", $"/api/v1/jobs/{job.Id}/retry"),
                     ("GET", $"/api/v1/jobs/{job.Id}/events"), ("GET", $"/api/v1/probe/renders/{job.Id}"),
                 })
        {
            using var response = await bob.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{method} {url}");
        }
        var bobsList = await bob.Http.GetStringAsync("/api/v1/jobs?pageSize=200");
        Assert.That(bobsList, Does.Not.Contain(job.Id.ToString()));
        Assert.That(await App.Http.GetStringAsync("/api/v1/jobs?pageSize=200"), Does.Contain(job.Id.ToString()), "admins see all");
        Assert.That((await JobApi.GetAsync(alice.Http, job.Id)).Status, Is.EqualTo("succeeded"), "the owner sees it");
    }
}
