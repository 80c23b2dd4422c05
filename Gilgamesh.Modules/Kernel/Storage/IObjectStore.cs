namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// Blob storage every module uses for media and artefacts. Keys are validated by
/// <see cref="StorageKey"/>; writes are atomic (readers see the old object or the new one, never a mix).
/// </summary>
internal interface IObjectStore
{
    /// <summary>Streams <paramref name="content"/> into <paramref name="key"/>, hashing as it goes.</summary>
    Task<StoredObject> PutAsync(string key, Stream content, string? contentType, CancellationToken ct = default);

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
