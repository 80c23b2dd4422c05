using System.Net;
using System.Net.Http.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Accounts;

[NonParallelizable]
public sealed class InitialAdminTests
{
    [Test]
    public async Task FirstStart_WithoutConfiguredPassword_GeneratesOneInAPrivateFile_UntilItIsChanged()
    {
        using var dataDir = new TempDirectory("gilgamesh-admin");
        await using var app = await AppProcess.StartAsync(dataDir.Path, await TestDatabase.CreateAsync("admin"),
            new Dictionary<string, string> { ["Gilgamesh__Admin__Password"] = "" }, provisionAdminKey: false);
        var file = Path.Combine(dataDir.Path, "initial-admin-password");

        Assert.That(File.Exists(file), "the generated password is kept in the data dir");
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var password = (await File.ReadAllTextAsync(file)).Trim();
        Assert.That(app.Output, Does.Contain(password), "printed once on the console");
        using var session = await TestAccounts.SignInAsync(app.BaseAddress, "admin", password);
        Assert.That(await session.GetStringAsync("/api/v1/auth/me"), Does.Contain("\"mustChangePassword\":true"));

        using var change = await session.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = password, newPassword = "a-new-admin-password" });
        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(File.Exists(file), Is.False, "removed after the first password change");
    }

    [Test]
    public async Task ResetOfTheFirstAdminsPassword_ByTheCommandLine_RemovesTheStaleFile()
    {
        using var dataDir = new TempDirectory("gilgamesh-admin");
        var database = await TestDatabase.CreateAsync("admin");
        await using (await AppProcess.StartAsync(dataDir.Path, database,
                         new Dictionary<string, string> { ["Gilgamesh__Admin__Password"] = "" }, provisionAdminKey: false)) { }
        var file = Path.Combine(dataDir.Path, "initial-admin-password");
        Assert.That(File.Exists(file), "generated on first start");

        var reset = await AppCli.RunAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database, ["Gilgamesh__DataDir"] = dataDir.Path,
        }, "user", "reset-password", "admin");

        Assert.That(reset.ExitCode, Is.Zero, reset.StdErr);
        Assert.That(reset.StdOut, Does.Contain("New password for admin: "));
        Assert.That(File.Exists(file), Is.False, "the printed first password no longer works, so its file goes");
    }
}
