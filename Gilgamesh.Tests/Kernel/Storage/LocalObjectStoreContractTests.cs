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
