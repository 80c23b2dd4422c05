namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>The three roles, lowest to highest: viewer reads, editor creates and manages own work, admin does everything.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Editor, Admin];

    public static bool IsValid(string? role) => role is Viewer or Editor or Admin;

    public static int Rank(string role) => role switch
    {
        Viewer => 1,
        Editor => 2,
        Admin => 3,
        _ => 0,
    };

    public static bool IsAtLeast(string role, string minimum) => Rank(role) >= Rank(minimum);
}

/// <summary>Authorization policy names; every endpoint names one (or allows anonymous access explicitly).</summary>
public static class Policies
{
    /// <summary>Any signed-in user or key: reading.</summary>
    public const string Viewer = "viewer";

    /// <summary>Editor or admin: creating, cancelling, retrying own work.</summary>
    public const string Editor = "editor";

    /// <summary>Admin only: users, audit, the Hangfire console, metrics.</summary>
    public const string Admin = "admin";
}
