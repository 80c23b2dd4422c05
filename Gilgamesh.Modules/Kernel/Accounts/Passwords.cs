using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>ASP.NET Core Identity's PBKDF2 password hasher (salted, versioned, upgradeable), and password rules.</summary>
public sealed class Passwords
{
    public const int MinimumLength = 10;
    private readonly PasswordHasher<UserRecord> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(null!, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;

    /// <summary>Null when acceptable, else why not.</summary>
    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength ? $"Passwords need at least {MinimumLength} characters." : null;

    /// <summary>A random password for a new or reset account: 20 characters from an unambiguous alphabet.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
