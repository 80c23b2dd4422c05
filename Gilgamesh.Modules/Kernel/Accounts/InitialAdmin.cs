using Gilgamesh.Modules.Kernel.Hosting;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// On first start (no users at all) creates the administrator with the configured password
/// (<c>Gilgamesh__Admin__Password</c>) or a generated one, printed once on the console and written to
/// <c>&lt;DataDir&gt;/initial-admin-password</c> (mode 0600) until the first password change.
/// The password never goes through the logger.
/// </summary>
public sealed class InitialAdmin(UserStore users, Passwords passwords, AuditLog audit, InitialAdminOptions admin,
    GilgameshOptions options, ILogger<InitialAdmin> logger)
{
    private static string? _userName;

    public static string UserNameOf(GilgameshOptions options) => _userName ?? "admin";

    public static string PasswordFile(GilgameshOptions options) => Path.Combine(options.DataDirFullPath, "initial-admin-password");

    public static void ForgetPasswordFile(GilgameshOptions options) => File.Delete(PasswordFile(options));

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        _userName = admin.UserName;
        if (await users.CountAsync(ct) > 0) return;

        var generated = string.IsNullOrEmpty(admin.Password);
        var password = generated ? Passwords.Generate() : admin.Password!;
        if (!generated && Passwords.Problem(password) is { } problem)
            throw new InvalidOperationException($"Gilgamesh:Admin:Password is not acceptable: {problem}");
        var user = new UserRecord
        {
            Id = Guid.CreateVersion7(), UserName = admin.UserName, Role = Roles.Admin,
            PasswordHash = passwords.Hash(password), MustChangePassword = generated,
        };
        if (await users.InsertAsync(user, ct) is null) return; // another instance created it first
        await audit.WriteAsync(AuditLog.Kinds.UserCreated, user.Id, null, null, new { userName = user.UserName, role = user.Role, initial = true });
        logger.LogInformation("Created the administrator {UserName}", user.UserName);
        if (!generated) return;

        var file = PasswordFile(options);
        await File.WriteAllTextAsync(file, password + "\n", ct);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await Console.Error.WriteLineAsync(
            $"\n  Gilgamesh administrator created.\n  user: {user.UserName}\n  password: {password}\n" +
            $"  (also in {file} until you change it; this is the only time it is printed)\n");
    }
}
