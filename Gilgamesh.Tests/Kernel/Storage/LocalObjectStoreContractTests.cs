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

    [OneTimeTearDown]
    public async Task Cleanup()
    {
        await _services.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
