using System.Net;
using System.Net.Sockets;

namespace Gilgamesh.Modules.Ingest.Links.Ssrf;

/// <summary>
/// Puts an IP address in its <see cref="AddressClass"/>. IPv4-mapped and IPv4-compatible IPv6 addresses are judged as the
/// IPv4 address they carry, so <c>::ffff:127.0.0.1</c> is loopback like <c>127.0.0.1</c>.
/// </summary>
internal static class AddressClassifier
{
    /// <summary>Host names that are metadata services whatever they resolve to.</summary>
    private static readonly HashSet<string> MetadataHostNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
    };

    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    public static bool IsMetadataHostName(string host) => MetadataHostNames.Contains(host.TrimEnd('.'));

    public static AddressClass Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv4MappedToIPv6) return ClassifyV4(address.MapToIPv4().GetAddressBytes());
            var b = address.GetAddressBytes();
            // ::a.b.c.d (deprecated IPv4-compatible) and NAT64 64:ff9b::/96 also carry an IPv4 address.
            if (IsZero(b, 0, 12) && !IsZero(b, 12, 4) && !(IsZero(b, 12, 3) && b[15] == 1)) return ClassifyV4(b[12..]);
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && IsZero(b, 4, 8)) return ClassifyV4(b[12..]);
            return ClassifyV6(address, b);
        }
        return ClassifyV4(address.GetAddressBytes());
    }

    private static AddressClass ClassifyV4(byte[] b) => (b[0], b[1]) switch
    {
        (169, 254) when b[2] == 169 && b[3] == 254 => AddressClass.CloudMetadata,
        (0, _) => AddressClass.Unspecified,
        (127, _) => AddressClass.Loopback,
        (10, _) => AddressClass.Private,
        (172, >= 16 and <= 31) => AddressClass.Private,
        (192, 168) => AddressClass.Private,
        (100, >= 64 and <= 127) => AddressClass.Private,    // CGNAT 100.64.0.0/10
        (169, 254) => AddressClass.LinkLocal,
        (>= 224 and <= 239, _) => AddressClass.Multicast,
        (255, 255) when b[2] == 255 && b[3] == 255 => AddressClass.Multicast,   // limited broadcast
        (>= 240, _) => AddressClass.Unspecified,           // reserved 240.0.0.0/4: never a real server
        _ => AddressClass.Public,
    };

    private static AddressClass ClassifyV6(IPAddress address, byte[] b)
    {
        if (address.Equals(AwsMetadataV6)) return AddressClass.CloudMetadata;
        if (address.Equals(IPAddress.IPv6Any)) return AddressClass.Unspecified;
        if (address.Equals(IPAddress.IPv6Loopback)) return AddressClass.Loopback;
        if (b[0] == 0xff) return AddressClass.Multicast;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressClass.LinkLocal;   // fe80::/10
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressClass.Private;     // fec0::/10 site-local (deprecated)
        if ((b[0] & 0xfe) == 0xfc) return AddressClass.Private;                     // fc00::/7 ULA
        return AddressClass.Public;
    }

    private static bool IsZero(byte[] b, int start, int count)
    {
        for (var i = start; i < start + count; i++)
            if (b[i] != 0) return false;
        return true;
    }
}
