namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// Blob storage every module uses for media and artefacts. Keys are validated by
/// <see cref="StorageKey"/>; writes are atomic (readers see the old object or the new one, never a mix).
/// </summary>
internal interface IObjectStore
{
    /// <summary>Streams <paramref name="content"/> into <paramref name="key"/>, hashing as it goes.</summary>
    Task<StoredObject> PutAsync(string key, Stream content, string? contentType, CancellationToken ct = default);

    /// <summary>
    /// Publishes a finished local file (a scratch file the caller is done with) under <paramref name="key"/>. The store
    /// may take the file: the local store renames it into place when it is on the same file system, so after a
    /// successful call the caller must not use <paramref name="path"/> again. <paramref name="knownSha256"/> (lower-case
    /// hex, computed by the caller as the bytes arrived) spares a hashing pass where the store would only hash.
    /// The default copies (S3 and other stores), exactly as <see cref="ObjectStoreFileExtensions.PutFileAsync"/>.
    /// </summary>
    Task<StoredObject> PutLocalFileAsync(string key, string path, string? contentType, string? knownSha256 = null,
        CancellationToken ct = default) =>
        this.PutFileAsync(key, path, contentType, ct);

    /// <summary>Opens the object (or a byte range of it). Throws StorageNotFound / StorageRangeInvalid.</summary>
    Task<Stream> OpenReadAsync(string key, ByteRange? range = null, CancellationToken ct = default);

    Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default);

    Task<bool> ExistsAsync(string key, CancellationToken ct = default);

    /// <summary>Removes the object; absent objects are not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);

    /// <summary>Objects whose key starts with <paramref name="prefix"/> (plain string prefix, as in S3).</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct = default);

    /// <summary>A URL that lets anyone holding it GET the object until <paramref name="ttl"/> elapses.</summary>
    Task<string> GetSignedUrlAsync(string key, TimeSpan ttl, CancellationToken ct = default);
}
