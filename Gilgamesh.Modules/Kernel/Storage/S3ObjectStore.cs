using System.Runtime.CompilerServices;
using Gilgamesh.Modules.Kernel.Errors;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// Objects in an S3-compatible bucket through the Minio client. Puts always use multipart with an
/// unknown length: the object only becomes visible when the upload completes, which gives the same
/// atomicity as the local rename, and Minio reads the source in 5 MiB parts rather than all at once.
/// </summary>
internal sealed class S3ObjectStore(IMinioClient client, string bucket) : IObjectStore, IDisposable
{
    // Only for ranged reads, see OpenRangeAsync.
    private static readonly HttpClient RangeHttp = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly SemaphoreSlim _bucketGate = new(1, 1);
    private volatile bool _bucketReady;

    public async Task<StoredObject> PutAsync(string key, Stream content, string? contentType, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        await EnsureBucketAsync(ct).ConfigureAwait(false);
        using var hashing = new HashingReadStream(content);
        var args = new PutObjectArgs()
            .WithBucket(bucket)
            .WithObject(key)
            .WithStreamData(hashing)
            .WithObjectSize(-1) // unknown length → multipart, parts streamed one at a time
            .WithContentType(contentType ?? LocalObjectStore.GuessContentType(key) ?? "application/octet-stream");
        try
        {
            await client.PutObjectAsync(args, ct).ConfigureAwait(false);
        }
        catch
        {
            await AbortIncompleteUploadAsync(key).ConfigureAwait(false);
            throw;
        }
        return new StoredObject(key, hashing.BytesRead, hashing.FinishSha256Hex());
    }

    public async Task<Stream> OpenReadAsync(string key, ByteRange? range = null, CancellationToken ct = default)
    {
        // Stat first: it turns "missing" into StorageNotFound and gives the size a range resolves against.
        var info = await StatAsync(key, ct).ConfigureAwait(false) ?? throw NotFound(key);
        var (offset, length) = range?.Resolve(info.Size) ?? (0, info.Size);
        if (length == 0)
            return Stream.Null;
        if (range is not null)
            return await OpenRangeAsync(key, offset, length, ct).ConfigureAwait(false);
        return MinioDownloadStream.Start(client, new GetObjectArgs().WithBucket(bucket).WithObject(key));
    }

    /// <summary>
    /// Minio 7.0.0 rejects every ranged GetObject (WithOffsetAndLength) with PartialContentException
    /// because it treats the server's 206 as an error (minio-dotnet#1342, fixed after 7.0.0 by #1343).
    /// Until a fixed release is available, ranges are fetched with a presigned GET URL and a Range header
    /// (streamed, not buffered). Switch back to WithOffsetAndLength once Minio is upgraded.
    /// </summary>
    private async Task<Stream> OpenRangeAsync(string key, long offset, long length, CancellationToken ct)
    {
        var url = await client.PresignedGetObjectAsync(
            new PresignedGetObjectArgs().WithBucket(bucket).WithObject(key).WithExpiry(300)).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(offset, offset + length - 1);
        var response = await RangeHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.PartialContent)
        {
            response.Dispose();
            throw new InvalidOperationException($"S3 answered {(int)response.StatusCode} to a ranged GET of '{key}'.");
        }
        return new BoundedReadStream(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), length);
    }

    /// <summary>Builds the Minio client from options; <paramref name="http"/> lets tests add handlers.</summary>
    public static IMinioClient CreateClient(S3StorageOptions s3, HttpClient? http = null)
    {
        if (string.IsNullOrWhiteSpace(s3.Endpoint))
            throw new InvalidOperationException("Storage:S3:Endpoint is required when Storage:Provider is 's3'.");
        var builder = new MinioClient()
            .WithEndpoint(s3.Endpoint)
            .WithCredentials(s3.AccessKey, s3.SecretKey)
            .WithSSL(s3.UseSsl);
        if (!string.IsNullOrWhiteSpace(s3.Region))
            builder = builder.WithRegion(s3.Region); // saves a GetBucketLocation round trip
        if (http is not null)
            builder = builder.WithHttpClient(http, disposeHttpClient: true);
        return builder.Build();
    }

    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        await EnsureBucketAsync(ct).ConfigureAwait(false);
        try
        {
            var stat = await client.StatObjectAsync(new StatObjectArgs().WithBucket(bucket).WithObject(key), ct).ConfigureAwait(false);
            return new ObjectInfo(key, stat.Size, new DateTimeOffset(DateTime.SpecifyKind(stat.LastModified, DateTimeKind.Utc)),
                string.IsNullOrEmpty(stat.ContentType) ? null : stat.ContentType);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct = default) =>
        await StatAsync(key, ct).ConfigureAwait(false) is not null;

    public async Task DeleteAsync(string key, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        await EnsureBucketAsync(ct).ConfigureAwait(false);
        // S3 answers 204 for absent keys too, so "no error when absent" comes for free.
        await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key), ct).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        prefix = StorageKey.ValidatePrefix(prefix);
        await EnsureBucketAsync(ct).ConfigureAwait(false);
        var args = new ListObjectsArgs().WithBucket(bucket).WithPrefix(prefix).WithRecursive(true);
        await foreach (var item in client.ListObjectsEnumAsync(args, ct).ConfigureAwait(false))
        {
            if (item.IsDir)
                continue;
            var modified = item.LastModifiedDateTime is { } m ? new DateTimeOffset(DateTime.SpecifyKind(m, DateTimeKind.Utc)) : DateTimeOffset.MinValue;
            yield return new ObjectInfo(item.Key, (long)item.Size, modified, null);
        }
    }

    public async Task<string> GetSignedUrlAsync(string key, TimeSpan ttl, CancellationToken ct = default)
    {
        StorageKey.Validate(key);
        await EnsureBucketAsync(ct).ConfigureAwait(false);
        var seconds = (int)Math.Clamp(Math.Ceiling(ttl.TotalSeconds), 1, 7 * 24 * 3600); // S3's presign limits
        var args = new PresignedGetObjectArgs().WithBucket(bucket).WithObject(key).WithExpiry(seconds);
        return await client.PresignedGetObjectAsync(args).ConfigureAwait(false);
    }

    private async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (_bucketReady)
            return;
        await _bucketGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_bucketReady)
                return;
            if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), ct).ConfigureAwait(false))
                await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket), ct).ConfigureAwait(false);
            _bucketReady = true;
        }
        finally
        {
            _bucketGate.Release();
        }
    }

    /// <summary>Best effort: drop uploaded parts of a failed put so they don't accrue storage.</summary>
    private async Task AbortIncompleteUploadAsync(string key)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.RemoveIncompleteUploadAsync(new RemoveIncompleteUploadArgs().WithBucket(bucket).WithObject(key), timeout.Token)
                .ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The object itself was never published; leftover parts are a bucket-lifecycle concern.
        }
    }

    private static GilgameshException NotFound(string key) =>
        new(ErrorCodes.StorageNotFound, $"Object '{key}' does not exist.", 404);

    public void Dispose()
    {
        _bucketGate.Dispose();
        client.Dispose();
    }
}
