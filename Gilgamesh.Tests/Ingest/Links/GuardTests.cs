using System.Net.Sockets;
using Gilgamesh.Modules.Ingest.Links;
using Gilgamesh.Modules.Ingest.Links.Processing;
using Gilgamesh.Modules.Ingest.Links.Ssrf;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>The connect-time resolver of the SSRF guard and the fetch limiter's admission, without an app.</summary>
public sealed class GuardTests
{
    private static GuardedConnector Connector(LinksOptions options) => new(new SsrfPolicy(Options.Create(options)));

    [Test]
    public void Resolve_WhenANameResolvesToLoopbackAndLoopbackIsNotAllowed_Refuses() =>
        Assert.That(async () => await Connector(new LinksOptions()).ResolveAsync("localhost", 80, CancellationToken.None),
            Throws.TypeOf<SsrfRefusedException>());

    [TestCase("localhost")]
    [TestCase("localhost.")]
    [TestCase("foo.localhost")]
    [TestCase("Foo.LocalHost.")]
    [TestCase("a.b.localhost")]
    public void Resolve_WhenTheHostIsANameReservedForLoopback_RefusesBeforeAskingDns(string host) =>
        Assert.That(async () => await Connector(new LinksOptions()).ResolveAsync(host, 80, CancellationToken.None),
            Throws.TypeOf<SsrfRefusedException>().With.Message.Contains("reserved for loopback"));

    [TestCase("localhostx.example")]
    [TestCase("notlocalhost")]
    public void IsLoopbackName_WhenTheNameOnlyLooksAlike_IsFalse(string host) =>
        Assert.That(SsrfPolicy.IsLoopbackName(host), Is.False);

    [Test]
    public async Task Resolve_WhenLoopbackIsAllowed_GivesTheAddresses() =>
        Assert.That(await Connector(new LinksOptions { AllowLoopback = true }).ResolveAsync("127.0.0.1", 80, CancellationToken.None), Has.Length.EqualTo(1));

    [Test]
    public async Task Resolve_WhenTheExactOriginIsListed_AllowsItButNotAnotherPort()
    {
        var connector = Connector(new LinksOptions { AllowedHosts = ["127.0.0.1:8123"] });
        Assert.That(await connector.ResolveAsync("127.0.0.1", 8123, CancellationToken.None), Has.Length.EqualTo(1));
        Assert.That(async () => await connector.ResolveAsync("127.0.0.1", 8124, CancellationToken.None), Throws.TypeOf<SsrfRefusedException>());
    }

    [Test]
    public void Resolve_WhenTheHostIsAMetadataName_RefusesWithoutAskingDns() =>
        Assert.That(async () => await Connector(new LinksOptions { AllowPrivateNetworks = true, AllowLoopback = true })
            .ResolveAsync("metadata.google.internal", 80, CancellationToken.None), Throws.TypeOf<SsrfRefusedException>());

    [Test]
    public void Resolve_WhenPrivateNetworksAreAllowed_StillRefusesCloudMetadata() =>
        Assert.That(async () => await Connector(new LinksOptions { AllowPrivateNetworks = true }).ResolveAsync("169.254.169.254", 80, CancellationToken.None),
            Throws.TypeOf<SsrfRefusedException>());

    [Test]
    public async Task Connect_WhenTheTargetIsForbidden_NeverOpensASocket()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = Connector(new LinksOptions()).ConnectAsync, UseProxy = false });
        Assert.That(async () => await client.GetAsync($"http://127.0.0.1:{port}/"),
            Throws.TypeOf<HttpRequestException>().With.InnerException.TypeOf<SsrfRefusedException>());
        await Task.Delay(50);
        Assert.That(listener.Pending(), Is.False, "nothing may have connected");
    }

    [Test]
    public async Task CanAdmit_CountsFreeSlotsAndFreeQueuePlaces()
    {
        using var limiter = new FetchLimiter(Options.Create(new LinksOptions { MaxConcurrentFetches = 1, QueueLimit = 1 }));
        Assert.That(limiter.CanAdmit(2), Is.True);
        Assert.That(limiter.CanAdmit(3), Is.False);
        using var held = await limiter.AcquireAsync(CancellationToken.None);
        Assert.That(limiter.CanAdmit(1), Is.True, "one queue place left");
        Assert.That(limiter.CanAdmit(2), Is.False);
    }
}
