using System.Security.Cryptography;
using System.Text;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// API keys look like <c>gk_&lt;prefix&gt;_&lt;secret&gt;</c>. The prefix is stored and shown (it identifies the
/// key in lists and logs); the whole key is stored only as its SHA-256, which is safe for 256-bit random
/// secrets (no dictionary to attack), unlike passwords.
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "gk_";

    public static (string Key, string Prefix) Generate()
    {
        var prefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Marker}{prefix}_{secret}", prefix);
    }

    public static bool TryParse(string? key, out string prefix)
    {
        prefix = "";
        if (key is null || !key.StartsWith(Marker, StringComparison.Ordinal) || key.Length > 100) return false;
        var rest = key[Marker.Length..];
        var separator = rest.IndexOf('_');
        if (separator != 10) return false;
        prefix = rest[..separator];
        return true;
    }

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
