using System.Net.Http.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Accounts;

/// <summary>Passwords and keys go through the app's logs many ways (sign-in, key use, failures); none may show.</summary>
[NonParallelizable]
public sealed class SecretsInLogsTests
{
    [Test]
    public async Task SignInAndKeyUse_NeverLogPasswordsOrKeys()
    {
        // Everything down to Debug, so every line that could carry a secret is written and searched.
        await using var App = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            // The console stays quiet; the captured provider gets everything.
            ["Logging:Console:LogLevel:Default"] = "Warning",
        });
        using var editor = await App.CreateUserAsync("editor");
        using var http = App.Anonymous();
        await http.PostAsJsonAsync("/api/v1/auth/sign-in", new { userName = editor.UserName, password = "wrong-" + editor.Password });
        using var session = await TestAccounts.SignInAsync(App.BaseAddress, editor.UserName, editor.Password);
        var key = await TestAccounts.CreateKeyAsync(session, "logged?");
        using var keyClient = TestAccounts.KeyClient(App.BaseAddress, key);
        await keyClient.GetAsync("/api/v1/jobs");
        using var badKey = TestAccounts.KeyClient(App.BaseAddress, key[..^4] + "AAAA");
        await badKey.GetAsync("/api/v1/jobs");
        await session.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = editor.Password, newPassword = "new-password-123456" });

        var logs = App.Logs.ToString();
        Assert.That(App.Logs.Lines, Has.Count.GreaterThan(5), "the test did capture the app's logs");
        Assert.That(logs, Does.Not.Contain(editor.Password));
        Assert.That(logs, Does.Not.Contain("new-password-123456"));
        Assert.That(logs, Does.Not.Contain(key[14..]));
        Assert.That(logs, Does.Not.Contain(editor.Key[14..]));
        Assert.That(logs, Does.Not.Contain(TestAccounts.AdminPassword));
    }
}
