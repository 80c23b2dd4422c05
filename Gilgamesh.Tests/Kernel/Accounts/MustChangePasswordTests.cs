using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Accounts;

/// <summary>Issue 13 item 11: "must change password" holds in the API, not only in the dashboard.</summary>
public sealed class MustChangePasswordTests : AppFixture
{
    private static async Task<(int Status, string? Code)> CallAsync(HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (text.StartsWith('{'))
        {
            using var doc = JsonDocument.Parse(text);
            code = doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        return ((int)response.StatusCode, code);
    }

    private async Task<(string UserName, string Password)> CreateWithGeneratedPasswordAsync(string role)
    {
        var name = $"fresh-{Guid.NewGuid():N}"[..14];
        using var response = await App.Http.PostAsJsonAsync("/api/v1/users", new { userName = name, role });
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (name, doc.RootElement.GetProperty("password").GetString()!);
    }

    [Test]
    public async Task ApiCall_WhenSessionUserMustChangePassword_IsRefusedUntilTheChange()
    {
        var (name, password) = await CreateWithGeneratedPasswordAsync("admin");
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, name, password);

        var createUser = await CallAsync(session, HttpMethod.Post, "/api/v1/users", new { userName = "x" + name, role = "viewer", password = "a-long-password-1" });
        var listJobs = await CallAsync(session, HttpMethod.Get, "/api/v1/jobs");
        var createKey = await CallAsync(session, HttpMethod.Post, "/api/v1/keys", new { name = "k" });
        var me = await CallAsync(session, HttpMethod.Get, "/api/v1/auth/me");
        var change = await CallAsync(session, HttpMethod.Post, "/api/v1/auth/password", new { currentPassword = password, newPassword = "a-brand-new-password" });
        var listJobsAfter = await CallAsync(session, HttpMethod.Get, "/api/v1/jobs");

        Assert.That(createUser, Is.EqualTo((403, "auth.password_change_required")));
        Assert.That(listJobs, Is.EqualTo((403, "auth.password_change_required")));
        Assert.That(createKey, Is.EqualTo((403, "auth.password_change_required")));
        Assert.That(me.Status, Is.EqualTo(200));
        Assert.That(change.Status, Is.EqualTo(204));
        Assert.That(listJobsAfter.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task ApiKeyCall_WhenOwnersPasswordWasReset_IsRefusedWithTheCode()
    {
        using var editor = await App.CreateUserAsync("editor");
        var before = await CallAsync(editor.Http, HttpMethod.Get, "/api/v1/ingest/items");
        using var reset = await App.Http.PostAsync($"/api/v1/users/{editor.Id}/reset-password", null);

        var after = await CallAsync(editor.Http, HttpMethod.Get, "/api/v1/ingest/items");
        var signOut = await CallAsync(editor.Http, HttpMethod.Get, "/api/v1/auth/me");

        Assert.That(before.Status, Is.EqualTo(200));
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after, Is.EqualTo((403, "auth.password_change_required")));
        Assert.That(signOut.Status, Is.EqualTo(200), "me stays reachable");
    }

    [Test]
    public async Task CreateUser_WhenCreated_AnswersTheStoredCreationTime()
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var response = await App.Http.PostAsJsonAsync("/api/v1/users",
            new { userName = $"dated-{Guid.NewGuid():N}"[..14], role = "viewer", password = "a-long-password-2" });
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var createdAt = doc.RootElement.GetProperty("user").GetProperty("createdAt").GetDateTimeOffset();
        var listed = (await App.Http.GetFromJsonAsync<JsonElement>("/api/v1/users"))
            .EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == doc.RootElement.GetProperty("user").GetProperty("id").GetGuid());

        Assert.That(createdAt, Is.GreaterThan(started).And.LessThan(DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.That(listed.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(createdAt));
    }
}
