using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// Creates and checks local signed URLs: <c>/files/{key}?exp={unixSeconds}&amp;sig={base64url HMAC-SHA256("key\nexp")}</c>.
/// </summary>
internal sealed class SignedUrlSigner(byte[] secret, TimeProvider time)
{
    public const string PathPrefix = "/files/";

    public string CreateUrl(string key, TimeSpan ttl)
    {
        StorageKey.Validate(key);
        var exp = time.GetUtcNow().ToUnixTimeSeconds() + (long)Math.Ceiling(ttl.TotalSeconds);
        var expText = exp.ToString(CultureInfo.InvariantCulture);
        // Keys are restricted to [A-Za-z0-9._-/], so they need no URL escaping.
        return $"{PathPrefix}{key}?exp={expText}&sig={WebEncoders.Base64UrlEncode(Sign(key, expText))}";
    }

    /// <summary>Throws StorageSignatureInvalid (403) or StorageSignatureExpired (403).</summary>
    public void Verify(string key, string? exp, string? sig)
    {
        // The signature is checked before the expiry so a forged URL never learns anything but "invalid".
        if (string.IsNullOrEmpty(exp) || string.IsNullOrEmpty(sig) || !TryDecode(sig, out var given))
            throw Invalid();
        if (!CryptographicOperations.FixedTimeEquals(Sign(key, exp), given))
            throw Invalid();
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expSeconds))
            throw Invalid();
        if (time.GetUtcNow().ToUnixTimeSeconds() > expSeconds)
            throw new GilgameshException(ErrorCodes.StorageSignatureExpired, "The signed URL has expired.", 403);
    }

    private byte[] Sign(string key, string exp) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{key}\n{exp}"));

    private static bool TryDecode(string sig, out byte[] bytes)
    {
        try
        {
            bytes = WebEncoders.Base64UrlDecode(sig);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private static GilgameshException Invalid() =>
        new(ErrorCodes.StorageSignatureInvalid, "The signed URL's signature is invalid.", 403);
}
