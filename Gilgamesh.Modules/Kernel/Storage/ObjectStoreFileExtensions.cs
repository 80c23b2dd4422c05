namespace Gilgamesh.Modules.Kernel.Storage;

internal static class ObjectStoreFileExtensions
{
    /// <summary>Publishes a finished local file (a job's scratch output) under <paramref name="key"/>.</summary>
    public static async Task<StoredObject> PutFileAsync(this IObjectStore store, string key, string path, string? contentType,
        CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await store.PutAsync(key, file, contentType, ct);
    }
}
