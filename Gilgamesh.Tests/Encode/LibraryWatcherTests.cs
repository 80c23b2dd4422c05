using Gilgamesh.Modules.Encode.Catalog;

namespace Gilgamesh.Tests.Encode;

[NonParallelizable]
public class LibraryWatcherTests
{
    [Test]
    public async Task Watch_WhenAFileIsCopiedIntoTheLibrary_ClassifiesItWithoutAScanRequest()
    {
        await using var harness = await EncodeHarness.StartAsync(configure: o => o.StableSeconds = 1);
        var library = await harness.CreateLibraryAsync();
        harness.Get<LibraryWatcher>().Watch(library);
        var staged = await EncodeMedia.HighBitrateH264Async(Path.Combine(harness.Root.Path, "staging", "film.mp4"));

        var path = Path.Combine(library.Folders[0], "film.mp4");
        File.Copy(staged, path);
        string? status = null;
        for (var i = 0; i < 100 && status != FileStatus.Planned; i++)
        {
            await Task.Delay(100);
            status = (await harness.Get<CatalogStore>().ListAsync(library.Id, CancellationToken.None)).SingleOrDefault(f => f.Path == path)?.Status;
        }

        Assert.That(status, Is.EqualTo(FileStatus.Planned));
    }
}
