using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.StaticFiles;

namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// Objects as plain files under <c>&lt;DataDir&gt;/objects</c>. Uploads stream into <c>.tmp/</c> on the
/// same file system and are renamed into place, which is what makes a put atomic.
/// </summary>
internal sealed partial class LocalObjectStore : IObjectStore
{
    private const int CopyBufferSize = 1 << 20;

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly string _root;
    private readonly string _tempDir;
    private readonly SignedUrlSigner _signer;

    public LocalObjectStore(string root, SignedUrlSigner signer)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _tempDir = Path.Combine(_root, StorageKey.ReservedTempSegment);
        _signer = signer;
        Directory.CreateDirectory(_tempDir);
    }

    public string Root => _root;

    public async Task<StoredObject> PutAsync(string key, Stream content, string? contentType, CancellationToken ct = default)
    {
        var target = ResolvePath(key);
        var temp = Path.Combine(_tempDir, $"{Guid.NewGuid():N}.part");
        try
        {
            using var hashing = new HashingReadStream(content);
            // Big synchronous-handle writes: on Linux "async" file I/O is thread-pool work, and 1 MiB chunks
            // keep the per-call cost (hashing, syscalls) small next to the bytes moved. When the size is known,
            // the file's blocks are reserved up front (fallocate, keeping the length): ext4 then does not allocate
            // block by block as the appends arrive, which measured 1.2–2.1 GB/s against 0.24–0.28 GB/s here.
            var knownLength = content.CanSeek ? Math.Max(0, content.Length - content.Position) : 0;
            await using (var file = new FileStream(temp, new FileStreamOptions
                         {
                             Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0,
                             PreallocationSize = knownLength,
                         }))
            {
                await hashing.CopyToAsync(file, CopyBufferSize, ct).ConfigureAwait(false);
                await file.FlushAsync(ct).ConfigureAwait(false);
            }
            ct.ThrowIfCancellationRequested();
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
            return new StoredObject(key, hashing.BytesRead, hashing.FinishSha256Hex());
        }
        catch
        {
            // Failed or cancelled uploads must leave nothing behind.
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Same file system: the file is renamed into <c>.tmp/</c> and then over the target (two renames, no bytes
    /// copied, still atomic for readers), hashed only when <paramref name="knownSha256"/> is absent. Another file
    /// system (rename fails with EXDEV): the ordinary hashing copy, and the file stays where it was.
    /// </summary>
    public async Task<StoredObject> PutLocalFileAsync(string key, string path, string? contentType, string? knownSha256 = null,
        CancellationToken ct = default)
    {
        var target = ResolvePath(key);
        var size = new FileInfo(path).Length; // FileNotFoundException for a missing file, as the copy would throw
        ct.ThrowIfCancellationRequested();
        var temp = Path.Combine(_tempDir, $"{Guid.NewGuid():N}.part");
        if (!TryRename(path, temp))
            return await this.PutFileAsync(key, path, contentType, ct).ConfigureAwait(false);
        try
        {
            var sha256 = knownSha256?.ToLowerInvariant() ?? await Sha256Async(temp, ct).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: true);
            return new StoredObject(key, size, sha256);
        }
        catch
        {
            // Like a failed put: nothing is left behind (the caller's file is gone, as it agreed to).
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Counts the files <see cref="PutLocalFileAsync"/> had to hash itself (a test seam).</summary>
    internal int FilesHashed => _filesHashed;

    private int _filesHashed;

    private async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        Interlocked.Increment(ref _filesHashed);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct).ConfigureAwait(false));
    }

    private const int ExDev = 18; // Linux errno: "Invalid cross-device link"

    /// <summary>rename(2) itself: File.Move would quietly fall back to copy-and-delete across file systems.</summary>
    private static bool TryRename(string from, string to)
    {
        if (rename(from, to) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == ExDev) return false;
        throw new IOException($"Could not move '{from}' to '{to}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int rename(string oldpath, string newpath);

    public Task<Stream> OpenReadAsync(string key, ByteRange? range = null, CancellationToken ct = default)
    {
        var path = ResolvePath(key);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(key);
        }
        if (range is not { } r)
            return Task.FromResult<Stream>(file);
        try
        {
            var (offset, length) = r.Resolve(file.Length);
            file.Seek(offset, SeekOrigin.Begin);
            return Task.FromResult<Stream>(new BoundedReadStream(file, length));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken ct = default)
    {
        var file = new FileInfo(ResolvePath(key));
        return Task.FromResult(file.Exists ? ToInfo(key, file) : null);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct = default) =>
        Task.FromResult(File.Exists(ResolvePath(key)));

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        try
        {
            File.Delete(ResolvePath(key)); // no-op when the file is absent...
        }
        catch (DirectoryNotFoundException)
        {
            // ...but throws when its directory is absent; either way there is nothing to delete.
        }
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        prefix = StorageKey.ValidatePrefix(prefix);
        // Start at the deepest directory the prefix names so listing "videos/2024/" doesn't walk everything.
        var slash = prefix.LastIndexOf('/');
        var startDir = slash < 0 ? _root : Path.Combine(_root, prefix[..slash]);
        if (!Directory.Exists(startDir))
            yield break;

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var keys = Directory.EnumerateFiles(startDir, "*", options)
            .Select(path => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal) && StorageKey.IsValid(key))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            ct.ThrowIfCancellationRequested();
            var file = new FileInfo(Path.Combine(_root, key));
            if (file.Exists) // may have been deleted while we listed
                yield return ToInfo(key, file);
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<string> GetSignedUrlAsync(string key, TimeSpan ttl, CancellationToken ct = default) =>
        Task.FromResult(_signer.CreateUrl(key, ttl));

    /// <summary>
    /// Absolute path of a key. Validation already forbids '..' and friends; the root check below is the
    /// second lock on the door in case the rules ever loosen.
    /// </summary>
    public string ResolvePath(string key)
    {
        StorageKey.Validate(key);
        var full = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new GilgameshException(ErrorCodes.StorageKeyInvalid, $"Storage key '{key}' resolves outside the storage root.", 400);
        return full;
    }

    private static ObjectInfo ToInfo(string key, FileInfo file) =>
        new(key, file.Length, file.LastWriteTimeUtc, GuessContentType(key));

    // Local files carry no metadata, so the content type is inferred from the extension.
    internal static string? GuessContentType(string key) =>
        ContentTypes.TryGetContentType(key, out var type) ? type : null;

    private static GilgameshException NotFound(string key) =>
        new(ErrorCodes.StorageNotFound, $"Object '{key}' does not exist.", 404);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover .part is harmless and never listed.
        }
    }
}
