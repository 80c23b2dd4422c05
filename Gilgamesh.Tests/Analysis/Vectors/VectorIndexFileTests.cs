using Gilgamesh.Modules.Analysis.Vectors;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gilgamesh.Tests.Analysis.Vectors;

public sealed class VectorIndexFileTests
{
    private string _root = null!;
    private LocalObjectStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), $"gilgamesh-vectors-{Guid.NewGuid():N}");
        _store = new LocalObjectStore(_root, new SignedUrlSigner(new byte[32], TimeProvider.System));
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task SaveThenLoad_ThroughLocalObjectStore_RestoresVectorsIdsMetadataAndSearchResults()
    {
        var rows = VectorTestData.Rows(3_000, 48, seed: 31, duplicates: 30);
        var original = VectorDataSet.Build(rows);

        await VectorIndexFile.SaveAsync(_store, "vectors/moves.gvec", original);
        var loaded = await VectorIndexFile.LoadAsync(_store, "vectors/moves.gvec");

        Assert.That(loaded.Dimension, Is.EqualTo(48));
        Assert.That(loaded.Ids, Is.EqualTo(original.Ids));
        Assert.That(loaded.Vectors, Is.EqualTo(original.Vectors));
        Assert.That(loaded.Metadata.Select(m => m.Fields), Is.EqualTo(original.Metadata.Select(m => m.Fields)));
        var factory = new VectorIndexFactory(NullLogger<VectorIndexFactory>.Instance);
        using var before = factory.Build(original);
        using var after = factory.Build(loaded);
        var query = VectorTestData.Queries(1, 48, seed: 32)[0];
        var filter = VectorFilter.Equal("style", "waltz").And(VectorFilter.Between("energy", 0.25, 0.75));
        Assert.That(after.Search(query, 15, filter), Is.EqualTo(before.Search(query, 15, filter)));
    }

    [Test]
    public async Task Load_WhenTheFileIsTruncated_FailsWithIndexCorrupt()
    {
        var data = VectorDataSet.Build(VectorTestData.Rows(100, 8, seed: 1));
        var bytes = new MemoryStream();
        VectorIndexFile.Write(bytes, data);
        await _store.PutAsync("vectors/cut.gvec", new MemoryStream(bytes.ToArray()[..1000]), null);

        var error = Assert.ThrowsAsync<GilgameshException>(() => VectorIndexFile.LoadAsync(_store, "vectors/cut.gvec"));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.VectorIndexCorrupt));
    }

    [Test]
    public async Task Load_WhenTheMagicIsWrong_FailsWithIndexCorrupt()
    {
        await _store.PutAsync("vectors/other.bin", new MemoryStream(new byte[64]), null);

        var error = Assert.ThrowsAsync<GilgameshException>(() => VectorIndexFile.LoadAsync(_store, "vectors/other.bin"));

        Assert.That(error!.Message, Does.Contain("bad magic"));
    }
}
