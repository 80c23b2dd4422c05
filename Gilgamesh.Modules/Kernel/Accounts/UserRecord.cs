namespace Gilgamesh.Modules.Kernel.Accounts;

public sealed record UserRecord
{
    public Guid Id { get; init; }
    public string UserName { get; init; } = "";
    public string? Email { get; init; }
    public string PasswordHash { get; init; } = "";
    public string Role { get; init; } = Roles.Viewer;
    public bool Disabled { get; init; }
    public bool MustChangePassword { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }

    /// <summary>What the API shows of a user (never the hash).</summary>
    public UserView ToView() => new(Id, UserName, Email, Role, Disabled, MustChangePassword, CreatedAt, LastSignInAt);
}

public sealed record UserView(Guid Id, string UserName, string? Email, string Role, bool Disabled, bool MustChangePassword,
    DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);
