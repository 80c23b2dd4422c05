namespace Gilgamesh.Modules.Ingest.Links.Ssrf;

/// <summary>What kind of network an IP address belongs to, as far as the SSRF guard cares.</summary>
internal enum AddressClass
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    Multicast,
    Unspecified,
    CloudMetadata,
}
