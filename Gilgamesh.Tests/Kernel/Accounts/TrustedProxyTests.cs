using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Accounts;

/// <summary>Behind a reverse proxy: X-Forwarded-* are believed from configured proxies only.</summary>
[NonParallelizable]
public sealed class TrustedProxyTests
{
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string user, string password, string? forwardedFor = null, string? proto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sign-in") { Content = JsonContent.Create(new { userName = user, password }) };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
        return await http.SendAsync(request);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gilgamesh.session=")).ToLowerInvariant();

    [Test]
    public async Task FromATrustedProxy_ForwardedHttpsMakesTheCookieSecure_AndEachClientAddressHasItsOwnSignInLimit()
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Accounts:TrustedProxies:0"] = "127.0.0.0/8", ["Accounts:SignInsPerMinute"] = "2",
        });
        using var editor = await app.CreateUserAsync("editor");
        using var http = app.Anonymous();

        using var signedIn = await SignInAsync(http, editor.UserName, editor.Password, "203.0.113.5", "https");
        using var second = await SignInAsync(http, editor.UserName, "wrong", "203.0.113.5");
        using var third = await SignInAsync(http, editor.UserName, "wrong", "203.0.113.5");
        using var otherClient = await SignInAsync(http, editor.UserName, "wrong", "203.0.113.6");

        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(SessionCookie(signedIn), Does.Contain("secure"), "the proxy said the client spoke HTTPS");
        Assert.That((second.StatusCode, third.StatusCode), Is.EqualTo((HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests)));
        Assert.That(otherClient.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "another client behind the proxy is not limited by the first");
        using var audit = JsonDocument.Parse(await app.Http.GetStringAsync("/api/v1/audit?limit=50"));
        var signIn = audit.RootElement.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "sign_in.succeeded"
            && e.GetProperty("userId").ValueKind == JsonValueKind.String && e.GetProperty("userId").GetGuid() == editor.Id
            && e.GetProperty("ip").GetString() == "203.0.113.5");
        Assert.That(signIn.GetProperty("ip").GetString(), Is.EqualTo("203.0.113.5"), "the audit names the client, not the proxy");
    }

    [Test]
    public async Task WithoutTrustedProxies_ForwardedHeadersAreIgnored()
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?> { ["Accounts:SignInsPerMinute"] = "3" });
        using var editor = await app.CreateUserAsync("editor");
        using var http = app.Anonymous();

        using var signedIn = await SignInAsync(http, editor.UserName, editor.Password, "203.0.113.5", "https");
        // The start-up sign-in, the editor's creation sign-in and this one used 127.0.0.1's three; a forged address does not help.
        using var forged = await SignInAsync(http, editor.UserName, "wrong", "198.51.100.9");

        Assert.That(SessionCookie(signedIn), Does.Not.Contain("secure"), "plain HTTP, whatever a client claims");
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }
}
