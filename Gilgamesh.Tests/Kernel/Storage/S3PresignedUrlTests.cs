using System.Net;
using System.Net.Http.Headers;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>
/// With Storage:Provider=s3 (wired through AddGilgameshStorage) signed URLs are S3 presigned URLs,
/// fetched directly from the S3 server.
/// </summary>
[TestFixture]
public sealed class S3PresignedUrlTests
{
    private S3rverServer? _s3;
    private string? _dataDir;
    private ServiceProvider? _services;
    private IObjectStore _store = null!;
    private readonly HttpClient _http = new();
    private readonly byte[] _data = TestBytes.Random(40_000);

    [OneTimeSetUp]
    public async Task Start()
    {
        _s3 = await S3rverServer.StartAsync();
        _dataDir = Directory.CreateTempSubdirectory("gilgamesh-presign-").FullName;
        _services = StorageTestHost.BuildServices(StorageTestHost.S3Config(_s3, _dataDir, "presign-bucket"));
        _store = _services.Store();
        await _store.PutAsync("media/song.mp3", new MemoryStream(_data), "audio/mpeg");
    }

    [Test]
    public void AddGilgameshStorage_WhenProviderIsS3_RegistersS3ObjectStore()
    {
        Assert.That(_store, Is.InstanceOf<S3ObjectStore>());
    }

    [Test]
    public async Task PresignedUrl_WhenFetched_Returns200WithTheBytes()
    {
        var url = await _store.GetSignedUrlAsync("media/song.mp3", TimeSpan.FromMinutes(5));

        using var response = await _http.GetAsync(url);

        Assert.That(url, Does.StartWith($"http://{_s3!.Endpoint}/presign-bucket/media/song.mp3?"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_data));
    }

    [Test]
    public async Task PresignedUrl_WithRangeHeader_Returns206WithExactlyThoseBytes()
    {
        var url = await _store.GetSignedUrlAsync("media/song.mp3", TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(100, 1099);

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_data[100..1100]));
    }

    // s3rver 3 does not verify SigV4 signatures at all ("V4 signatures have incomplete support": it
    // only checks the access key and the expiry), so a tampered X-Amz-Signature cannot be caught by it;
    // real S3 and MinIO answer 403 SignatureDoesNotMatch. What s3rver can check is tampered credentials.
    [Test]
    public async Task PresignedUrl_WhenCredentialIsTampered_Returns403()
    {
        var url = await _store.GetSignedUrlAsync("media/song.mp3", TimeSpan.FromMinutes(5));
        var tampered = url.Replace($"X-Amz-Credential={S3rverServer.AccessKey}", "X-Amz-Credential=INTRUDER");

        using var response = await _http.GetAsync(tampered);

        Assert.That(tampered, Is.Not.EqualTo(url));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task PresignedUrl_WhenExpired_Returns403()
    {
        var url = await _store.GetSignedUrlAsync("media/song.mp3", TimeSpan.FromSeconds(1));

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var response = await _http.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        if (_services is not null)
            await _services.DisposeAsync();
        _s3?.Dispose();
        if (_dataDir is not null)
            Directory.Delete(_dataDir, recursive: true);
    }
}
