using System.Globalization;
using System.Text;

namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>
/// Checks that a string is an absolute http(s) URL and gives the form the cache keys on: scheme and host lowercase,
/// default port dropped, fragment dropped (never sent to the server), query parameters sorted.
/// </summary>
internal static class UrlNormalizer
{
    public const int MaxLength = 4096;

    public static Uri Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
            throw LinkFailure.Invalid("The URL is empty or longer than 4096 characters.");
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            throw LinkFailure.Invalid("Only absolute http:// and https:// URLs can be processed.");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw LinkFailure.Invalid("URLs with a user name or password are not processed.");
        return uri;
    }

    public static string Normalize(Uri uri)
    {
        var text = new StringBuilder();
        text.Append(uri.Scheme.ToLowerInvariant()).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort) text.Append(':').Append(uri.Port.ToString(CultureInfo.InvariantCulture));
        text.Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?');
        if (query.Length > 0)
        {
            var parts = query.Split('&', StringSplitOptions.RemoveEmptyEntries);
            Array.Sort(parts, StringComparer.Ordinal);
            text.Append('?').AppendJoin('&', parts);
        }
        return text.ToString();
    }
}
