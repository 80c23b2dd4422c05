using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>Local signed URLs fetched through a real Kestrel server and HttpClient.</summary>
[TestFixture]
public sealed class LocalSignedUrlHttpTests
{
    private string _dataDir = null!;
    private SignedFilesServer _server = null!;
    private HttpClient _http = null!;
    private readonly byte[] _data = TestBytes.Random(50_000);

    [OneTimeSetUp]
    public async Task Start()
    {
        _dataDir = Directory.CreateTempSubdirectory("gilgamesh-signed-").FullName;
        _server = await SignedFilesServer.StartAsync(StorageTestHost.LocalConfig(_dataDir));
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        await _server.Store.PutAsync("media/clip.mp4", new MemoryStream(_data), "video/mp4");
    }

    [Test]
    public async Task Get_WhenSignatureIsValid_Returns200WithTheBytesAndContentType()
    {
        var url = await _server.Store.GetSignedUrlAsync("media/clip.mp4", TimeSpan.FromMinutes(5));

        using var response = await _http.GetAsync(url);

        Assert.That(url, Does.Match(@"^/files/media/clip\.mp4\?exp=\d+&sig=[A-Za-z0-9_-]+$"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("video/mp4"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_data));
    }

    [Test]
    public async Task Get_WithRangeHeader_Returns206WithExactlyThoseBytes()
    {
        var url = await _server.Store.GetSignedUrlAsync("media/clip.mp4", TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(1000, 1999);

        using var response = await _http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes 1000-1999/{_data.Length}"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(_data[1000..2000]));
    }

    [Test]
    public async Task Get_WhenSignatureIsTampered_Returns403ProblemWithSignatureInvalidCode()
    {
        var url = await _server.Store.GetSignedUrlAsync("media/clip.mp4", TimeSpan.FromMinutes(5));
        var tampered = url.Replace("clip.mp4", "other.mp4");

        await AssertProblemAsync(await _http.GetAsync(tampered), 403, ErrorCodes.StorageSignatureInvalid);
        await AssertProblemAsync(await _http.GetAsync(url[..^2] + (url.EndsWith("AA") ? "BB" : "AA")), 403, ErrorCodes.StorageSignatureInvalid);
        await AssertProblemAsync(await _http.GetAsync("/files/media/clip.mp4"), 403, ErrorCodes.StorageSignatureInvalid);
    }

    [Test]
    public async Task Get_WhenExpiryIsExtendedByHand_Returns403SignatureInvalid()
    {
        var url = await _server.Store.GetSignedUrlAsync("media/clip.mp4", TimeSpan.FromSeconds(1));
        var exp = long.Parse(url.Split("exp=")[1].Split('&')[0]);

        await AssertProblemAsync(await _http.GetAsync(url.Replace($"exp={exp}", $"exp={exp + 3600}")), 403, ErrorCodes.StorageSignatureInvalid);
    }

    [Test]
    public async Task Get_WhenUrlHasExpired_Returns403ProblemWithSignatureExpiredCode()
    {
        var url = await _server.Store.GetSignedUrlAsync("media/clip.mp4", TimeSpan.FromSeconds(1));

        await Task.Delay(TimeSpan.FromSeconds(2.2));

        await AssertProblemAsync(await _http.GetAsync(url), 403, ErrorCodes.StorageSignatureExpired);
    }

    [Test]
    public async Task SigningKey_WhenNotConfigured_IsGeneratedOnceWithOwnerOnlyMode()
    {
        var path = Path.Combine(_dataDir, "secrets", "signing.key");
        await _server.Store.GetSignedUrlAsync("media/clip.mp4", TimeSpan.FromMinutes(1));

        Assert.That(File.Exists(path), Is.True);
        if (!OperatingSystem.IsWindows())
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        using (response)
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.That(problem.RootElement.GetProperty("code").GetString(), Is.EqualTo(code));
            Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(status));
        }
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
