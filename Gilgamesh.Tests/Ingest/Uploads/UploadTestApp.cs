using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Uploads;

/// <summary>An app with upload limits small enough to cross in a test: 4 MiB files, chunks from 16 KiB.</summary>
[NonParallelizable]
public abstract class UploadTestApp
{
    public const long MaxBytes = 4L * 1024 * 1024;
    public const long ChunkSize = 64 * 1024;

    protected AppInstance App { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync() => App = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Ingest:Uploads:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ingest:Uploads:MinChunkBytes"] = "16384",
        ["Ingest:Uploads:MaxChunkBytes"] = "1048576",
    });

    [OneTimeTearDown]
    public async Task StopAppAsync() => await App.DisposeAsync();

    /// <summary>Nothing a failed upload wrote may remain: scratch folders, storage temp parts, objects, session folders.</summary>
    protected void AssertNothingLeftBehind(Guid ownerId, params Guid[] sessionIds)
    {
        var tmp = Path.Combine(App.DataDir, "tmp");
        var scratch = Directory.Exists(tmp)
            ? Directory.GetDirectories(tmp).Where(d => Path.GetFileName(d).StartsWith("ingest-upload", StringComparison.Ordinal)
                                                        || Path.GetFileName(d).StartsWith("ingest-preview", StringComparison.Ordinal)).ToList()
            : [];
        Assert.Multiple(() =>
        {
            Assert.That(scratch, Is.Empty, "upload scratch folders in tmp/");
            Assert.That(IngestApi.FilesUnder(Path.Combine(App.DataDir, "objects", ".tmp")), Is.Empty, "partial objects in storage");
            Assert.That(IngestApi.FilesUnder(Path.Combine(App.DataDir, "objects", "ingest", ownerId.ToString("N"))), Is.Empty, "objects of the owner");
            foreach (var id in sessionIds)
                Assert.That(Directory.Exists(Path.Combine(App.DataDir, "uploads", id.ToString("N"))), Is.False, $"session folder {id}");
        });
    }
}
