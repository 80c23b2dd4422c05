using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Encode;

/// <summary>
/// kill -9 for real: the app binary runs the encode job with <c>Encode:Faults:KillAfterStep</c>, which makes the
/// process SIGKILL itself right after that journal step is committed (no finally, no shutdown code). The app is
/// then started again on the same data dir and database; its start-up recovery must leave every file once, in a
/// good state, and the file done.
/// </summary>
[NonParallelizable]
public class KillDuringReplaceTests
{
    [TestCase(JournalSteps.Started)]
    [TestCase(JournalSteps.OutputHashed)]
    [TestCase(JournalSteps.Archived)]
    [TestCase(JournalSteps.Replaced)]
    public async Task Restart_AfterKill9AtJournalStep_LeavesTheOutputInPlaceTheOriginalArchivedOnceAndNoTempFiles(string step)
    {
        using var data = new TempDirectory("gilgamesh-data");
        var folder = Directory.CreateDirectory(Path.Combine(data.Path, "libraries", "films")).FullName;
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(folder, "film.mp4"));
        var originalSha = await Fingerprint.FullAsync(path);
        var database = await TestDatabase.CreateAsync("encodekill");
        var environment = new Dictionary<string, string> { ["Encode__StableSeconds"] = "0" };

        var crashed = await AppProcess.StartAsync(data.Path, database, new Dictionary<string, string>(environment) { ["Encode__Faults__KillAfterStep"] = step });
        var created = await crashed.Http.PostAsJsonAsync("/api/v1/encode/libraries", new
        {
            name = "films", folders = new[] { folder },
            profile = new { codec = "hevc", encoder = "cpu", quality = 30, speed = "ultrafast", maxBitrateKbps = 1500, thresholds = new { minSsim = 0.8 } },
        });
        var library = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await crashed.Http.PostAsync($"/api/v1/encode/libraries/{library}/scan", null);
        await crashed.Http.PostAsync($"/api/v1/encode/libraries/{library}/start", null);
        var died = await WaitForExitAsync(crashed.Pid, TimeSpan.FromMinutes(3));
        await crashed.DisposeAsync();
        Assert.That(died, Is.True, "the process killed itself at the step");

        await using var restarted = await AppProcess.StartAsync(data.Path, database, environment);
        var files = await restarted.Http.GetFromJsonAsync<JsonElement>($"/api/v1/encode/libraries/{library}/files");

        var file = files.EnumerateArray().Single();
        Assert.That(file.GetProperty("status").GetString(), Is.EqualTo("done"), restarted.Output);
        Assert.That((await MediaTools.Probe.ProbeAsync(path)).PrimaryVideo!.Codec, Is.EqualTo("hevc"));
        var archive = Path.Combine(folder, ".gilgamesh-archive", "film.mp4");
        Assert.That(await Fingerprint.FullAsync(archive), Is.EqualTo(originalSha));
        Assert.That(Directory.GetFiles(folder, "*", SearchOption.AllDirectories), Is.EquivalentTo(new[] { path, archive }));
    }

    private static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited) return true;
            }
            catch (ArgumentException)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
