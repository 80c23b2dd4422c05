using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
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

    /// <summary>
    /// Which owned resource a route's first parameter names, by route prefix. A new endpoint that takes an id must be
    /// listed here (the test below fails on an unlisted one), so its ownership check is exercised from day one.
    /// </summary>
    private static readonly (string Prefix, string Resource)[] OwnedResources =
    [
        ("/api/v1/jobs/{", "job"), ("/api/v1/probe/renders/{", "job"),
        ("/api/v1/ingest/items/{", "media"), ("/api/v1/ingest/media/{", "media"),
        ("/api/v1/ingest/uploads/sessions/{", "session"),
        ("/api/v1/ingest/cache/{", "cache"),
        ("/api/v1/keys/{", "key"),
        ("/api/v1/highlights/{", "highlights"),
    ];

    /// <summary>
    /// Routes whose resources belong to the server, not to a user: encode libraries are created by administrators and
    /// operated by every editor (docs/encode/README.md), so another user reaching them is the design, not a leak.
    /// </summary>
    private static readonly string[] SharedResourcePrefixes = ["/api/v1/encode/"];

    private static bool IsAdminOnly(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Gilgamesh.Modules.Kernel.Accounts.Policies.Admin);

    /// <summary>The route with its first parameter set to <paramref name="id"/> and any other to "0".</summary>
    private static string WithId(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, string id)
    {
        var sb = new StringBuilder();
        var parameters = 0;
        foreach (var segment in pattern.PathSegments)
        {
            sb.Append('/');
            foreach (var part in segment.Parts)
            {
                if (part is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal) sb.Append(literal.Content);
                else if (part is Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart) sb.Append(parameters++ == 0 ? id : "0");
            }
        }
        return sb.ToString();
    }

    /// <summary>Alice's resources of every kind in <see cref="OwnedResources"/>, made through the API (the cache entry by its store).</summary>
    private async Task<Dictionary<string, string>> ResourcesOfAsync(TestAccounts.TestUser alice)
    {
        var job = await JobApi.PostAsync(alice.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        await JobApi.WaitForStatusAsync(alice.Http, job.Id, "succeeded");
        var media = await Gilgamesh.Tests.Ingest.IngestApi.UploadAsync(alice.Http, await Gilgamesh.Tests.Ingest.IngestApi.ImageAsync());
        var session = await Gilgamesh.Tests.Ingest.IngestApi.CreateSessionAsync(alice.Http, "lecture.mp4", 3 << 20, 1 << 20);
        using var keyResponse = await alice.Http.PostAsJsonAsync("/api/v1/keys", new { name = "second" });
        using var key = JsonDocument.Parse(await keyResponse.Content.ReadAsStringAsync());
        var cacheKey = new string('a', 64);
        await App.Services.GetRequiredService<Gilgamesh.Modules.Ingest.Links.Cache.LinkCacheStore>()
            .PutAsync(cacheKey, alice.Id, "https://example.com/a.mp4", "{}", TimeSpan.FromHours(1), CancellationToken.None);
        // A highlights request row by its store: starting a real one needs a lecture video, and only ownership is tested here.
        var highlights = Guid.NewGuid();
        await App.Services.GetRequiredService<Gilgamesh.Modules.Highlights.Data.HighlightJobStore>()
            .InsertAsync(highlights, alice.Id, media.Item.Id, "{}", CancellationToken.None);
        return new()
        {
            ["job"] = job.Id.ToString(), ["media"] = media.Item.Id.ToString(), ["session"] = session.Id.ToString(),
            ["cache"] = cacheKey, ["key"] = key.RootElement.GetProperty("apiKey").GetProperty("id").GetString()!,
            ["highlights"] = highlights.ToString(),
        };
    }

    [Test]
    public async Task OtherUser_Gets404OnEveryEndpointThatTakesSomeoneElsesId_AndChangesNothing()
    {
        using var alice = await App.CreateUserAsync("editor");
        using var bob = await App.CreateUserAsync("editor");
        var owned = await ResourcesOfAsync(alice);

        var unlisted = new List<string>();
        var failures = new List<string>();
        var tried = 0;
        foreach (var endpoint in App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.RoutePattern.Parameters.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                || IsAdminOnly(endpoint) || pattern.StartsWith("/hangfire", StringComparison.Ordinal)
                || pattern.StartsWith("/openapi/", StringComparison.Ordinal) || pattern.StartsWith("/modules/", StringComparison.Ordinal)
                || pattern.StartsWith("/api/{", StringComparison.Ordinal) // the API reference page, by document name
                || SharedResourcePrefixes.Any(p => pattern.StartsWith(p, StringComparison.Ordinal)))
                continue;
            var resource = OwnedResources.FirstOrDefault(r => pattern.StartsWith(r.Prefix, StringComparison.Ordinal)).Resource;
            if (resource is null) { unlisted.Add(pattern); continue; }
            var url = WithId(endpoint.RoutePattern, owned[resource]);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                if (method == "HEAD") continue;
                tried++;
                var status = pattern.EndsWith("/ws", StringComparison.Ordinal)
                    ? await WebSocketStatusAsync(url, bob.Key)
                    : await StatusAsync(bob.Http, method, url);
                if (status != HttpStatusCode.NotFound) failures.Add($"{method} {url} → {(int)status}");
            }
        }

        Assert.That(unlisted, Is.Empty, "endpoints taking an id whose resource is not in OwnedResources");
        Assert.That(tried, Is.GreaterThanOrEqualTo(15), "the walk reached the by-id endpoints");
        Assert.That(failures, Is.Empty, "bob must get 404 on alice's resources");

        // Nothing bob sent changed alice's things; the owner and an admin still see each one.
        foreach (var client in new[] { alice.Http, App.Http })
        {
            Assert.That((await JobApi.GetAsync(client, Guid.Parse(owned["job"]))).Status, Is.EqualTo("succeeded"));
            Assert.That(await StatusAsync(client, "GET", $"/api/v1/ingest/items/{owned["media"]}"), Is.EqualTo(HttpStatusCode.OK));
        }
        Assert.That(await StatusAsync(alice.Http, "GET", $"/api/v1/ingest/uploads/sessions/{owned["session"]}"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await alice.Http.GetStringAsync("/api/v1/keys"), Does.Contain(owned["key"]));
        Assert.That(await StatusAsync(alice.Http, "DELETE", $"/api/v1/ingest/cache/{owned["cache"]}"), Is.EqualTo(HttpStatusCode.NoContent),
            "the cache entry survived bob's delete");
        Assert.That(await bob.Http.GetStringAsync("/api/v1/jobs?pageSize=200"), Does.Not.Contain(owned["job"]));
        Assert.That(await App.Http.GetStringAsync("/api/v1/jobs?pageSize=200"), Does.Contain(owned["job"]), "admins see all");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method is "GET" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    /// <summary>The status a WebSocket handshake gets (101 when it is accepted).</summary>
    private async Task<HttpStatusCode> WebSocketStatusAsync(string path, string apiKey)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Api-Key", apiKey);
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(App.BaseAddress) { Scheme = "ws", Path = path }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }
}
