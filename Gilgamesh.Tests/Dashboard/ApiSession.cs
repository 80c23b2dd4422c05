using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// An HttpClient signed in the way the dashboard is: session cookie from <c>/api/v1/auth/sign-in</c>, then the
/// antiforgery token from <c>/api/v1/auth/antiforgery</c> sent as <c>X-CSRF-TOKEN</c> on every request.
/// </summary>
public sealed class ApiSession : IDisposable
{
    private ApiSession(HttpClient http, JsonElement user)
    {
        Http = http;
        User = user;
    }

    public HttpClient Http { get; }
    public JsonElement User { get; }
    public Guid UserId => User.GetProperty("id").GetGuid();

    public static async Task<ApiSession> SignInAsync(Uri baseAddress, string userName, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60),
        };
        try
        {
            using var signIn = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { userName, password });
            var text = await signIn.Content.ReadAsStringAsync();
            if (signIn.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"sign-in as {userName} → {(int)signIn.StatusCode}: {text}");
            var user = JsonSerializer.Deserialize<JsonElement>(text);

            // The token is bound to the signed-in identity, so it is fetched after signing in.
            var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
            http.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
            return new ApiSession(http, user);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a user. With a password it need not be changed at first sign-in; without one the server generates
    /// one (returned here) and the user must change it.
    /// </summary>
    public async Task<(Guid Id, string? GeneratedPassword)> CreateUserAsync(string userName, string role, string? password = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/users", new { userName, email = (string?)null, role, password });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST /api/v1/users → {(int)response.StatusCode}: {text}");
        var created = JsonSerializer.Deserialize<JsonElement>(text);
        var generated = created.TryGetProperty("password", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return (created.GetProperty("user").GetProperty("id").GetGuid(), generated);
    }

    public void Dispose() => Http.Dispose();
}
