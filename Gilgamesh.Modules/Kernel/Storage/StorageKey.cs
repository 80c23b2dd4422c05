using System.Text.RegularExpressions;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// The one place that decides what an object key may look like. The rules are strict on purpose:
/// keys end up as file paths (local backend) and URL paths (signed URLs), so anything that could
/// escape the storage root or need escaping is refused.
/// </summary>
internal static partial class StorageKey
{
    public const int MaxLength = 512;

    /// <summary>The local backend keeps in-flight uploads here, so no key may live under it.</summary>
    public const string ReservedTempSegment = ".tmp";

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SegmentPattern();

    /// <summary>Returns <paramref name="key"/> unchanged when valid, else throws StorageKeyInvalid (400).</summary>
    public static string Validate(string? key)
    {
        if (string.IsNullOrEmpty(key))
            throw Invalid(key, "it is empty");
        if (key.Length > MaxLength)
            throw Invalid(key, $"it is longer than {MaxLength} characters");

        var segments = key.Split('/');
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
                throw Invalid(key, "it has an empty segment (leading, trailing or double '/')");
            if (segment is "." or "..")
                throw Invalid(key, "it has a '.' or '..' segment");
            if (!SegmentPattern().IsMatch(segment))
                throw Invalid(key, "a segment has characters outside [A-Za-z0-9._-]");
        }
        if (segments[0] == ReservedTempSegment)
            throw Invalid(key, $"'{ReservedTempSegment}/' is reserved for in-flight uploads");
        return key;
    }

    public static bool IsValid(string? key)
    {
        try
        {
            Validate(key);
            return true;
        }
        catch (GilgameshException)
        {
            return false;
        }
    }

    /// <summary>
    /// List prefixes may end mid-segment ("videos/ab") or be empty, but must not smuggle in anything a
    /// key could not contain.
    /// </summary>
    public static string ValidatePrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
            return "";
        // A prefix is valid when some key could start with it: try it with a harmless completion.
        var probe = prefix.EndsWith('/') ? prefix + "x" : prefix;
        if (!IsValid(probe) && !IsValid(probe + "x"))
            throw Invalid(prefix, "it is not the start of any valid key");
        return prefix;
    }

    private static GilgameshException Invalid(string? key, string why)
    {
        // Control characters (NUL) are shown escaped so logs stay readable.
        var shown = key is null ? "(null)" : Regex.Escape(key.Length > 80 ? key[..80] + "…" : key);
        return new GilgameshException(ErrorCodes.StorageKeyInvalid, $"Storage key '{shown}' is invalid: {why}.", 400);
    }
}
