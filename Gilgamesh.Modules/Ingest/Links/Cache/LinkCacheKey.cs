using System.Security.Cryptography;
using System.Text;
using Gilgamesh.Modules.Ingest.Links.Processing;

namespace Gilgamesh.Modules.Ingest.Links.Cache;

/// <summary>
/// The cache key: SHA-256 (hex) of owner, normalised URL and the options that change the stored result (the analyses).
/// <c>encode_base64</c> is not part of it: base64 and signed URLs are made on the way out, from storage, on every answer.
/// </summary>
internal static class LinkCacheKey
{
    public static string For(Guid ownerId, string normalizedUrl, ProcessOptions options)
    {
        var analyses = string.Join(',', options.Analyses.Distinct().Order(StringComparer.Ordinal));
        var text = $"{ownerId:N}\n{normalizedUrl}\n{analyses}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
