using System.Net;
using System.Net.Http.Json;
using Dapper;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Accounts;

public sealed class ApiKeyTests : AppFixture
{
    [Test]
    public async Task Key_IsShownOnce_Works_AndIsStoredOnlyAsAHash()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, editor.UserName, editor.Password);
        var key = await TestAccounts.CreateKeyAsync(session, "ci");

        Assert.That(key, Does.StartWith("gk_"));
        var listed = await session.GetStringAsync("/api/v1/keys");
        Assert.That(listed, Does.Not.Contain(key).And.Not.Contain(key[14..]), "lists show the prefix only");
        Assert.That(listed, Does.Contain(key[..13]));
        using var viaBearer = App.Anonymous();
        viaBearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        Assert.That((await viaBearer.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "Authorization: Bearer");
        using var viaHeader = TestAccounts.KeyClient(App.BaseAddress, key);
        Assert.That((await viaHeader.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "X-Api-Key");

        await using var connection = App.Services.GetRequiredService<NpgsqlDataSource>().CreateConnection();
        var stored = (await connection.QueryAsync<string>("select key_hash || ' ' || prefix from platform.api_keys")).ToList();
        Assert.That(stored, Has.None.Contains(key[14..]), "the secret part is stored nowhere");
    }

    [Test]
    public async Task RevokedKey_Gets401()
    {
        using var editor = await App.CreateUserAsync("editor");
        var keys = await editor.Http.GetFromJsonAsync<List<KeyView>>("/api/v1/keys", TestJson.Options);

        using (var revoke = await editor.Http.DeleteAsync($"/api/v1/keys/{keys!.Single().Id}"))
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That((await editor.Http.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await App.Http.GetStringAsync("/api/v1/audit?limit=20"), Does.Contain("api_key.revoked"));
    }

    [Test]
    public async Task ExpiredKey_Gets401()
    {
        using var editor = await App.CreateUserAsync("editor");
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, editor.UserName, editor.Password);
        var key = await TestAccounts.CreateKeyAsync(session, "short", expiresAt: DateTimeOffset.UtcNow.AddSeconds(2));
        using var client = TestAccounts.KeyClient(App.BaseAddress, key);
        Assert.That((await client.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.That((await client.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Key_CannotOutrankItsOwner()
    {
        using var viewer = await App.CreateUserAsync("viewer");
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, viewer.UserName, viewer.Password);

        using var response = await session.PostAsJsonAsync("/api/v1/keys", new { name = "escalate", role = "admin" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("auth.role_too_high"));
    }

    [Test]
    public async Task ViewerKey_CanRead_ButNotStartJobs()
    {
        using var viewer = await App.CreateUserAsync("viewer");

        Assert.That((await viewer.Http.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var start = await viewer.Http.PostAsJsonAsync("/api/v1/jobs/selftest", new { durationSeconds = 1 });
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await start.Content.ReadAsStringAsync(), Does.Contain("auth.forbidden"));
    }

    [Test]
    public async Task OthersKey_CannotBeRevoked_404()
    {
        using var alice = await App.CreateUserAsync("editor");
        using var bob = await App.CreateUserAsync("editor");
        var alicesKey = (await alice.Http.GetFromJsonAsync<List<KeyView>>("/api/v1/keys", TestJson.Options))!.Single();

        using var response = await bob.Http.DeleteAsync($"/api/v1/keys/{alicesKey.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await alice.Http.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private sealed record KeyView(Guid Id, string Prefix, string Role);
}
