using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gilgamesh.Tests.Support;

/// <summary>Signs in the way the dashboard does (cookie + antiforgery header) and mints API keys, for tests.</summary>
public static class TestAccounts
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>A client holding a session cookie and sending the antiforgery header, as the dashboard does.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60),
        };
        using var response = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { userName, password });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"sign-in as {userName} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        // The token is bound to the signed-in user, so it is fetched after signing in.
        using var token = JsonDocument.Parse(await client.GetStringAsync("/api/v1/auth/antiforgery"));
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token.RootElement.GetProperty("token").GetString());
        return client;
    }

    public static async Task<string> CreateKeyAsync(HttpClient signedIn, string name = "test", string? role = null, DateTimeOffset? expiresAt = null)
    {
        using var response = await signedIn.PostAsJsonAsync("/api/v1/keys", new { name, role, expiresAt });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create key → {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("key").GetString()!;
    }

    public static HttpClient KeyClient(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>A person with their own key: created by the admin, signed in once to mint the key.</summary>
    public sealed record TestUser(Guid Id, string UserName, string Password, string Role, string Key, HttpClient Http) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }

    public static async Task<TestUser> CreateUserAsync(Uri baseAddress, HttpClient admin, string role, string? userName = null)
    {
        userName ??= $"{role}-{Guid.NewGuid():N}"[..(role.Length + 9)];
        var password = "password-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName, role, password });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create user → {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        var id = doc.RootElement.GetProperty("user").GetProperty("id").GetGuid();
        using var session = await SignInAsync(baseAddress, userName, password);
        var key = await CreateKeyAsync(session, "tests");
        return new TestUser(id, userName, password, role, key, KeyClient(baseAddress, key));
    }
}
