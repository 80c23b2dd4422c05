using System.Net.Http.Json;
using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Links;

/// <summary>
/// The startup sweep of <c>&lt;DataDir&gt;/tmp</c> after a real crash: the app process is killed (SIGKILL, no cleanup
/// code runs) while it downloads a URL, and started again at once on the same data dir. Its temp folder must be gone by
/// the time the new process is ready, while folders still in use by a live process on that data dir stay.
/// </summary>
[NonParallelizable]
public sealed class TempFoldersAfterCrashTests
{
    [Test]
    public async Task Restart_RightAfterAKillMidDownload_RemovesTheUrlTempFolder_AndKeepsFoldersInUse()
    {
        using var data = new TempDirectory("gilgamesh-data");
        await using var server = await MediaLinkServer.StartAsync();
        await server.AddTestMediaAsync();
        var database = await TestDatabase.CreateAsync("crash");
        var environment = new Dictionary<string, string>
        {
            ["Ingest__Links__AllowedHosts__0"] = server.Origin,
            ["Ingest__Links__FetchTimeoutSeconds"] = "120",
        };
        var tmp = Path.Combine(data.Path, "tmp");

        var crashed = await AppProcess.StartAsync(data.Path, database, environment);
        // The server holds the download open, so the URL's folder exists when the process dies.
        var pending = crashed.Http.PostAsJsonAsync("/api/v1/ingest/process",
            new { urls = new[] { server.Url($"/media/clip.mp4?delay=60000&crash={Guid.NewGuid():N}") } });
        var leftovers = await WaitForAsync(() => Directory.Exists(tmp) ? Directory.GetDirectories(tmp, "link-*") : [], TimeSpan.FromSeconds(20));
        await crashed.KillAsync();
        Assert.That(async () => await pending, Throws.InstanceOf<HttpRequestException>(), "the process died mid-request");
        await crashed.DisposeAsync();
        Assert.That(leftovers, Has.Length.EqualTo(1).And.All.Matches<string>(Directory.Exists), "a crash leaves the URL's temp folder behind");

        // In use by a live process on the same data dir: this test process holds it, as another instance's job would.
        using var inUse = ScratchDirectory.Create(new GilgameshOptions { DataDir = data.Path }, "link");
        // No owner lock (made by an older version): kept while it could still be in use, removed once surely abandoned.
        var unmarkedFresh = Directory.CreateDirectory(Path.Combine(tmp, $"link-{Guid.NewGuid():N}")).FullName;
        var unmarkedOld = Directory.CreateDirectory(Path.Combine(tmp, $"link-{Guid.NewGuid():N}")).FullName;
        Directory.SetLastWriteTimeUtc(unmarkedOld, DateTime.UtcNow - ScratchSweeper.UnmarkedMinimumAge - TimeSpan.FromMinutes(1));

        await using var restarted = await AppProcess.StartAsync(data.Path, database, environment);

        Assert.Multiple(() =>
        {
            Assert.That(leftovers.Where(Directory.Exists), Is.Empty, $"the crashed run's folder is removed at startup\n{restarted.Output}");
            Assert.That(Directory.Exists(inUse.Path), Is.True, "a folder a live process holds stays");
            Assert.That(Directory.Exists(unmarkedFresh), Is.True, "an unmarked folder younger than the sweep's age limit stays");
            Assert.That(Directory.Exists(unmarkedOld), Is.False, "an unmarked folder older than the age limit is removed");
        });
    }

    private static async Task<string[]> WaitForAsync(Func<string[]> find, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { Length: > 0 } found) return found;
            await Task.Delay(50);
        }
        return [];
    }
}
