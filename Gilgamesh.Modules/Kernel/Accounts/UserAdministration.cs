using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>Creating users, shared by the API and the <c>gilgamesh user add</c> verb.</summary>
public sealed class UserAdministration(UserStore users, Passwords passwords, AuditLog audit)
{
    public async Task<(UserRecord? User, string? GeneratedPassword, GilgameshException? Error)> CreateAsync(
        CreateUserRequest request, Guid? actorId, string? ip, CancellationToken ct)
    {
        var name = (request.UserName ?? "").Trim();
        if (name.Length is < 2 or > 64 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return (null, null, new GilgameshException(ErrorCodes.InvalidRequest, "userName needs 2–64 characters without spaces."));
        if (!Roles.IsValid(request.Role))
            return (null, null, new GilgameshException(ErrorCodes.InvalidRequest, $"role must be one of {string.Join(", ", Roles.All)}."));
        var generated = string.IsNullOrEmpty(request.Password);
        var password = generated ? Passwords.Generate() : request.Password!;
        if (Passwords.Problem(password) is { } weak) return (null, null, new GilgameshException("auth.weak_password", weak));

        var user = new UserRecord
        {
            Id = Guid.CreateVersion7(), UserName = name, Email = request.Email, Role = request.Role,
            PasswordHash = passwords.Hash(password), MustChangePassword = generated,
        };
        // The stored row, not the one built here: it carries the database's created_at (it read 0001-01-01 before).
        var stored = await users.InsertAsync(user, ct);
        if (stored is null) return (null, null, new GilgameshException("user.exists", $"A user named '{name}' exists.", 409));
        await audit.WriteAsync(AuditLog.Kinds.UserCreated, stored.Id, actorId, ip, new { userName = name, role = request.Role });
        return (stored, generated ? password : null, null);
    }
}
