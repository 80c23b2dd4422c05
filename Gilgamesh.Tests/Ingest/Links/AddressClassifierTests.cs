using System.Net;
using Gilgamesh.Modules.Ingest.Links.Processing;
using Gilgamesh.Modules.Ingest.Links.Ssrf;

namespace Gilgamesh.Tests.Ingest.Links;

public sealed class AddressClassifierTests
{
    [TestCase("8.8.8.8", "Public")]
    [TestCase("93.184.216.34", "Public")]
    [TestCase("127.0.0.1", "Loopback")]
    [TestCase("127.255.0.9", "Loopback")]
    [TestCase("10.0.0.1", "Private")]
    [TestCase("172.16.0.1", "Private")]
    [TestCase("172.31.255.255", "Private")]
    [TestCase("172.32.0.1", "Public")]
    [TestCase("192.168.1.1", "Private")]
    [TestCase("100.64.0.1", "Private")]
    [TestCase("100.128.0.1", "Public")]
    [TestCase("169.254.1.1", "LinkLocal")]
    [TestCase("169.254.169.254", "CloudMetadata")]
    [TestCase("224.0.0.1", "Multicast")]
    [TestCase("0.0.0.0", "Unspecified")]
    [TestCase("::1", "Loopback")]
    [TestCase("::", "Unspecified")]
    [TestCase("fe80::1", "LinkLocal")]
    [TestCase("fc00::1", "Private")]
    [TestCase("fd12:3456::1", "Private")]
    [TestCase("fd00:ec2::254", "CloudMetadata")]
    [TestCase("ff02::1", "Multicast")]
    [TestCase("2606:4700::1111", "Public")]
    [TestCase("::ffff:127.0.0.1", "Loopback")]
    [TestCase("::ffff:169.254.169.254", "CloudMetadata")]
    [TestCase("::ffff:10.1.2.3", "Private")]
    [TestCase("::ffff:8.8.8.8", "Public")]
    [TestCase("64:ff9b::7f00:1", "Loopback")]
    public void Classify_PutsTheAddressInItsNetwork(string address, string expected) =>
        Assert.That(AddressClassifier.Classify(IPAddress.Parse(address)).ToString(), Is.EqualTo(expected));

    [TestCase("metadata.google.internal", true)]
    [TestCase("METADATA.GOOGLE.INTERNAL.", true)]
    [TestCase("example.com", false)]
    public void IsMetadataHostName_KnowsTheMetadataServices(string host, bool expected) =>
        Assert.That(AddressClassifier.IsMetadataHostName(host), Is.EqualTo(expected));

    [TestCase("HTTP://Example.COM:80/a/b?z=1&a=2#frag", "http://example.com/a/b?a=2&z=1")]
    [TestCase("https://example.com:443/", "https://example.com/")]
    [TestCase("https://example.com:8443/x", "https://example.com:8443/x")]
    public void Normalize_DropsWhatDoesNotChangeTheContent(string url, string expected) =>
        Assert.That(UrlNormalizer.Normalize(UrlNormalizer.Parse(url)), Is.EqualTo(expected));

    [TestCase("ftp://example.com/a")]
    [TestCase("file:///etc/passwd")]
    [TestCase("/relative/path")]
    [TestCase("http://user:pw@example.com/")]
    [TestCase("")]
    public void Parse_WhenNotAnHttpUrl_IsLinkInvalid(string url) =>
        Assert.That(() => UrlNormalizer.Parse(url), Throws.TypeOf<LinkFailure>().With.Property(nameof(LinkFailure.Code)).EqualTo("link.invalid"));
}
