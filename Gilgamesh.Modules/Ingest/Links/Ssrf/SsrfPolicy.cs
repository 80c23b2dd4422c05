using System.Net;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Ingest.Links.Ssrf;

/// <summary>
/// Which destinations URL processing may connect to. Public addresses always; loopback and private networks only when
/// configured; an exact <c>host:port</c> on <see cref="LinksOptions.AllowedHosts"/> whatever it resolves to. Cloud
/// metadata endpoints, multicast and unspecified addresses are refused unless their origin is listed exactly.
/// </summary>
internal sealed class SsrfPolicy(IOptions<LinksOptions> options)
{
    private readonly LinksOptions _options = options.Value;
    private readonly HashSet<string> _allowedOrigins = new(options.Value.AllowedHosts.Select(h => h.Trim().ToLowerInvariant()), StringComparer.Ordinal);

    public bool IsAllowedOrigin(string host, int port) => _allowedOrigins.Contains($"{host.ToLowerInvariant()}:{port}");

    /// <summary>Null when <paramref name="address"/> may be reached, else why not.</summary>
    public string? Refusal(IPAddress address)
    {
        var kind = AddressClassifier.Classify(address);
        var allowed = kind switch
        {
            AddressClass.Public => true,
            AddressClass.Loopback => _options.AllowLoopback,
            AddressClass.Private or AddressClass.LinkLocal => _options.AllowPrivateNetworks,
            _ => false,
        };
        return allowed ? null : $"{address} is a {Describe(kind)} address";
    }

    /// <summary>
    /// Null when the host name itself is acceptable: metadata service names never are, and names reserved for loopback
    /// (<c>localhost</c> and <c>*.localhost</c>, RFC 6761, with or without the trailing dot) only when loopback is
    /// allowed — refused here, before DNS is asked, unless the exact origin is listed.
    /// </summary>
    public string? HostRefusal(string host, int port)
    {
        if (IsAllowedOrigin(host, port)) return null;
        if (AddressClassifier.IsMetadataHostName(host)) return $"{host} is a cloud metadata service";
        return !_options.AllowLoopback && IsLoopbackName(host) ? $"{host} is a name reserved for loopback" : null;
    }

    public static bool IsLoopbackName(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(AddressClass kind) => kind switch
    {
        AddressClass.CloudMetadata => "cloud metadata",
        AddressClass.LinkLocal => "link-local",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
