using System.Security.Cryptography;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Kernel.Storage;

[TestFixture]
public sealed class LocalObjectStoreContractTests : ObjectStoreContract
{
    private string _dataDir = null!;
    private ServiceProvider _services = null!;

    private protected override Task<IObjectStore> CreateStoreAsync()
    {
        _dataDir = Directory.CreateTempSubdirectory("gilgamesh-storage-").FullName;
        _services = StorageTestHost.BuildServices(StorageTestHost.LocalConfig(_dataDir));
        return Task.FromResult(_services.Store());
    }

    private protected override void AssertNoPartialUploadsRemain() =>
        Assert.That(Directory.EnumerateFileSystemEntries(Path.Combine(_dataDir, "objects", ".tmp")), Is.Empty);

    [Test]
    public async Task Put_StoresObjectAsFileUnderDataDirObjects()
    {
        await Store.PutAsync("videos/clip.mp4", new MemoryStream([1, 2, 3]), "video/mp4");

        Assert.That(File.ReadAllBytes(Path.Combine(_dataDir, "objects", "videos", "clip.mp4")), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task Put_OfASeekableStreamPartlyRead_StoresExactlyTheRestAndNoReservedSpaceShows()
    {
        // A seekable source has its remaining length reserved up front (fallocate); the file must still be
        // exactly the bytes written, also when the source ends early.
        var bytes = TestBytes.Random(3 << 20);
        var source = new MemoryStream(bytes) { Position = 1000 };

        var stored = await Store.PutAsync("videos/rest.bin", source, null);
        var truncated = await Store.PutAsync("videos/short.bin", new ShortReadStream(bytes, 4096), null);

        var path = Path.Combine(_dataDir, "objects", "videos", "rest.bin");
        Assert.That(stored.Size, Is.EqualTo(bytes.Length - 1000));
        Assert.That(new FileInfo(path).Length, Is.EqualTo(bytes.Length - 1000));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes[1000..]));
        Assert.That((truncated.Size, new FileInfo(Path.Combine(_dataDir, "objects", "videos", "short.bin")).Length), Is.EqualTo((4096L, 4096L)));
    }

    /// <summary>Claims the whole array's length but ends after <c>count</c> bytes, as a source that shrinks while read.</summary>
    private sealed class ShortReadStream(byte[] bytes, int count) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int length)
        {
            var n = Math.Min(length, count - _position);
            if (n <= 0) return 0;
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => _position; set => _position = (int)value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int length) => throw new NotSupportedException();
    }

    [Test]
    public async Task List_NeverIncludesInFlightTempFiles()
    {
        var leftover = Path.Combine(_dataDir, "objects", ".tmp", "leftover.part");
        await File.WriteAllTextAsync(leftover, "x");

        var keys = new List<string>();
        await foreach (var info in Store.ListAsync(""))
            keys.Add(info.Key);
        File.Delete(leftover); // other tests assert .tmp/ is empty

        Assert.That(keys, Has.None.Contains(".tmp"));
    }

    [Test]
    public async Task PutLocalFile_SameFileSystem_MovesTheFileIn_SameBytesAndSha_NothingLeftBehind()
    {
        var local = (LocalObjectStore)Store;
        var data = TestBytes.Random(300_000);
        var source = ScratchFile(data);
        var hashed = local.FilesHashed;

        var stored = await Store.PutLocalFileAsync("moved/a.bin", source, "application/octet-stream");

        Assert.Multiple(() =>
        {
            Assert.That(stored.Size, Is.EqualTo(data.Length));
            Assert.That(stored.Sha256Hex, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(data))));
            Assert.That(File.ReadAllBytes(Path.Combine(_dataDir, "objects", "moved", "a.bin")), Is.EqualTo(data));
            Assert.That(File.Exists(source), Is.False, "the scratch file was moved, not copied");
            Assert.That(local.FilesHashed, Is.EqualTo(hashed + 1), "no SHA-256 given: hashed once");
        });
        AssertNoPartialUploadsRemain();
    }

    [Test]
    public async Task PutLocalFile_WithKnownSha256_UsesItWithoutReadingTheFile_AndReplacesTheOldObject()
    {
        var local = (LocalObjectStore)Store;
        await Store.PutAsync("moved/b.bin", new MemoryStream([9, 9, 9]), null);
        var data = TestBytes.Random(70_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(data));
        var source = ScratchFile(data);
        var hashed = local.FilesHashed;

        var stored = await Store.PutLocalFileAsync("moved/b.bin", source, null, sha.ToUpperInvariant());

        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo(new StoredObject("moved/b.bin", data.Length, sha)));
            Assert.That(local.FilesHashed, Is.EqualTo(hashed), "the given SHA-256 spares the hashing pass");
            Assert.That(File.ReadAllBytes(Path.Combine(_dataDir, "objects", "moved", "b.bin")), Is.EqualTo(data));
            Assert.That(File.Exists(source), Is.False);
        });
        AssertNoPartialUploadsRemain();
    }

    [Test]
    public void PutLocalFile_MissingFile_ThrowsAndLeavesNothing()
    {
        Assert.That(async () => await Store.PutLocalFileAsync("moved/none.bin", Path.Combine(_dataDir, "no-such-file"), null),
            Throws.InstanceOf<FileNotFoundException>());
        Assert.That(File.Exists(Path.Combine(_dataDir, "objects", "moved", "none.bin")), Is.False);
        AssertNoPartialUploadsRemain();
    }

    private string ScratchFile(byte[] data)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dataDir, "tmp", Guid.NewGuid().ToString("N"))).FullName;
        var path = Path.Combine(folder, "upload");
        File.WriteAllBytes(path, data);
        return path;
    }

    [OneTimeTearDown]
    public async Task Cleanup()
    {
        await _services.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
