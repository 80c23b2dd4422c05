using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Kernel.Accounts;

public sealed class SignInTests : AppFixture
{
    private static async Task<(int Status, string? Code, string? Detail, string? RetryAfter)> SignInAsync(HttpClient http, string user, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { userName = user, password });
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        return ((int)response.StatusCode, root.TryGetProperty("code", out var c) ? c.GetString() : null,
            root.TryGetProperty("detail", out var d) ? d.GetString() : null,
            response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString() ?? response.Headers.RetryAfter?.ToString());
    }

    [Test]
    public async Task WrongPassword_AndUnknownUser_GetTheSameAnswer()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var http = App.Anonymous();

        var wrongPassword = await SignInAsync(http, editor.UserName, "not-the-password");
        var unknownUser = await SignInAsync(http, "nobody-" + Guid.NewGuid().ToString("N")[..8], "not-the-password");

        Assert.That(wrongPassword, Is.EqualTo((401, "auth.invalid_credentials", "Wrong user name or password.", (string?)null)));
        Assert.That(unknownUser, Is.EqualTo(wrongPassword));
    }

    [Test]
    public async Task RepeatedFailures_LockTheNameOut_EvenForTheRightPassword_WithRetryAfter()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var http = App.Anonymous();
        for (var i = 0; i < 6; i++) await SignInAsync(http, editor.UserName, "wrong-password-" + i);

        var locked = await SignInAsync(http, editor.UserName, editor.Password);

        Assert.That(locked.Status, Is.EqualTo(429));
        Assert.That(locked.Code, Is.EqualTo("auth.locked_out"));
        Assert.That(locked.RetryAfter, Is.Not.Null);
        var audit = await App.Http.GetStringAsync("/api/v1/audit?limit=50");
        Assert.That(audit, Does.Contain("sign_in.locked_out").And.Contain("sign_in.failed"));
    }

    [Test]
    public async Task EachFailureAfterALockout_DoublesTheNextLockout_UpToTheMaximum()
    {
        var throttle = App.Services.GetRequiredService<Gilgamesh.Modules.Kernel.Accounts.SignInThrottle>();
        var name = "growing-" + Guid.NewGuid().ToString("N")[..8];
        var lockouts = new List<int>();
        for (var failure = 1; failure <= 14; failure++)
        {
            await throttle.RecordFailureAsync(name);
            lockouts.Add(await throttle.LockedForAsync(name) ?? 0);
        }

        // Defaults: 5 free attempts, then 5 s × 2^n, at most 900 s (seconds rounded up, so ±1).
        int[] expected = [0, 0, 0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900];
        Assert.That(lockouts.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1), Is.True, string.Join(", ", lockouts));
    }

    [Test]
    public async Task AFailureRightAfterALockoutEnds_LocksTheNameForTwiceAsLong()
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?> { ["Accounts:LockoutBaseSeconds"] = "1" });
        using var editor = await app.CreateUserAsync("editor");
        using var http = app.Anonymous();
        for (var i = 0; i < 6; i++) await SignInAsync(http, editor.UserName, "wrong-password-" + i);
        var first = await SignInAsync(http, editor.UserName, editor.Password);

        await Task.Delay(TimeSpan.FromSeconds(1.3));
        var wrongAgain = await SignInAsync(http, editor.UserName, "wrong-again");
        var second = await SignInAsync(http, editor.UserName, editor.Password);

        Assert.That((first.Status, first.RetryAfter), Is.EqualTo((429, "1")));
        Assert.That(wrongAgain.Status, Is.EqualTo(401), "the lockout had ended: the attempt was judged, and failed");
        Assert.That((second.Status, second.RetryAfter), Is.EqualTo((429, "2")), "the right password must now wait twice as long");
        await Task.Delay(TimeSpan.FromSeconds(2.3));
        Assert.That((await SignInAsync(http, editor.UserName, editor.Password)).Status, Is.EqualTo(200), "after it, the right password works");
    }

    [Test]
    public async Task SecurityEvents_OfOneAccount_AreInTheAuditTrailInOrder()
    {
        using var editor = await App.CreateUserAsync("editor"); // created, signed in once, key created
        using (var session = await TestAccounts.SignInAsync(App.BaseAddress, editor.UserName, editor.Password))
        {
            using var key = await session.PostAsJsonAsync("/api/v1/keys", new { name = "audited" });
            using var created = JsonDocument.Parse(await key.Content.ReadAsStringAsync());
            (await session.DeleteAsync($"/api/v1/keys/{created.RootElement.GetProperty("apiKey").GetProperty("id").GetString()}")).Dispose();
            (await session.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = editor.Password, newPassword = "a-changed-password-1" })).Dispose();
        }
        (await App.Http.PatchAsJsonAsync($"/api/v1/users/{editor.Id}", new { role = "viewer" })).Dispose();
        using var http = App.Anonymous();
        await SignInAsync(http, editor.UserName, "not-it");

        using var audit = JsonDocument.Parse(await App.Http.GetStringAsync("/api/v1/audit?limit=200"));
        var kinds = audit.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("userId").ValueKind == JsonValueKind.String && e.GetProperty("userId").GetGuid() == editor.Id)
            .OrderBy(e => e.GetProperty("id").GetInt64()).Select(e => e.GetProperty("kind").GetString()).ToList();

        Assert.That(kinds, Is.EqualTo(new[]
        {
            "user.created", "sign_in.succeeded", "api_key.created", "sign_in.succeeded", "api_key.created", "api_key.revoked",
            "password.changed", "user.role_changed", "sign_in.failed",
        }));
        Assert.That(audit.RootElement.ToString(), Does.Not.Contain(editor.Password).And.Not.Contain("a-changed-password-1"), "no secrets in the trail");
    }

    [Test]
    public async Task DisabledUser_CannotSignIn_AndTheirOpenSessionEnds()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, editor.UserName, editor.Password);
        Assert.That((await session.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using (var disable = await App.Http.PatchAsJsonAsync($"/api/v1/users/{editor.Id}", new { disabled = true }))
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await session.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "session ended");
        Assert.That((await editor.Http.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "keys stop too");
        using var http = App.Anonymous();
        Assert.That((await SignInAsync(http, editor.UserName, editor.Password)).Code, Is.EqualTo("auth.invalid_credentials"));
    }

    [Test]
    public async Task CookieSession_ChangeWithoutAntiforgeryToken_IsRefused()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, editor.UserName, editor.Password);
        session.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        using var response = await session.PostAsJsonAsync("/api/v1/jobs/selftest", new { durationSeconds = 1 });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("auth.antiforgery_invalid"));
    }

    [Test]
    public async Task SignOut_EndsTheSession()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, editor.UserName, editor.Password);

        using (var signOut = await session.PostAsync("/api/v1/auth/sign-out", null))
            Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That((await session.GetAsync("/api/v1/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task SessionCookie_IsHttpOnlyAndSameSiteLax()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var http = App.Anonymous();
        using var response = await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { userName = editor.UserName, password = editor.Password });

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gilgamesh.session="));
        Assert.That(cookie.ToLowerInvariant(), Does.Contain("httponly").And.Contain("samesite=lax"));
    }
}
