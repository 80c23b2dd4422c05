using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Encode;

/// <summary>The encode API on the real app: Hangfire runs the encode job, PostgreSQL holds the catalog.</summary>
[NonParallelizable]
public partial class EncodeApiTests
{
    private TempDirectory _root = null!;
    private AppInstance _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _root = new TempDirectory("gilgamesh-encode-api");
        _app = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Encode:Roots:0"] = _root.Path,
            ["Encode:StableSeconds"] = "0",
            ["Budgets:Capacities:gpu0"] = "2",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        _root.Dispose();
    }

    [Test]
    public async Task CreateLibrary_WhenFolderIsOutsideTheRootsOrASymlinkOut_IsRefusedWithItsCode()
    {
        using var elsewhere = new TempDirectory("gilgamesh-elsewhere");
        var link = _root.Combine("link-out");
        Directory.CreateSymbolicLink(link, elsewhere.Path);

        var outside = await _app.Http.PostAsJsonAsync("/api/v1/encode/libraries", new { name = "outside", folders = new[] { elsewhere.Path } });
        var symlink = await _app.Http.PostAsJsonAsync("/api/v1/encode/libraries", new { name = "symlink", folders = new[] { link } });

        Assert.That(((int)outside.StatusCode, await CodeAsync(outside)), Is.EqualTo((400, "encode.folder_outside_roots")));
        Assert.That(((int)symlink.StatusCode, await CodeAsync(symlink)), Is.EqualTo((400, "encode.folder_symlink_escape")));
    }

    [Test]
    public async Task CreateLibrary_WhenCallerIsAnEditor_IsForbidden()
    {
        using var editor = await _app.CreateUserAsync(Roles.Editor);
        var folder = Directory.CreateDirectory(_root.Combine("editors")).FullName;

        var response = await editor.Http.PostAsJsonAsync("/api/v1/encode/libraries", new { name = "editors", folders = new[] { folder } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task DryRunThenStart_WhenLibraryHasAHighBitrateFile_ShowsReasonsAndForecastThenTheJobEncodesIt()
    {
        var folder = Directory.CreateDirectory(_root.Combine("films")).FullName;
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(folder, "film.mp4"));
        var created = await _app.Http.PostAsJsonAsync("/api/v1/encode/libraries", new
        {
            name = "films", folders = new[] { folder },
            profile = new { codec = "hevc", encoder = "auto", quality = 30, speed = "ultrafast", maxBitrateKbps = 1500, thresholds = new { minSsim = 0.8 } },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var dryRun = await (await _app.Http.PostAsync($"/api/v1/encode/libraries/{id}/dry-run", null)).Content.ReadFromJsonAsync<JsonElement>();
        var planned = dryRun.GetProperty("files").EnumerateArray().Single();
        var start = await _app.Http.PostAsync($"/api/v1/encode/libraries/{id}/start", null);
        var done = await WaitForStatusAsync(id, path, "done");

        Assert.That(planned.GetProperty("status").GetString(), Is.EqualTo("planned"));
        Assert.That(planned.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()), Has.Some.Contains("over max 1.5 Mb/s"));
        Assert.That(planned.GetProperty("forecastBytes").GetInt64(), Is.GreaterThan(0).And.LessThan(new FileInfo(Path.Combine(folder, ".gilgamesh-archive", "film.mp4")).Length));
        Assert.That(dryRun.GetProperty("planned").GetInt32(), Is.EqualTo(1));
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(done.GetProperty("encoder").GetString(), Is.EqualTo("libx265"));
        Assert.That((await MediaTools.Probe.ProbeAsync(path)).PrimaryVideo!.Codec, Is.EqualTo("hevc"));
    }

    [Test]
    public async Task Status_OnThisMachine_ReportsWhichEncodersWorkAndThatVmafIsUnavailable()
    {
        var status = await _app.Http.GetFromJsonAsync<JsonElement>("/api/v1/encode/status");
        var encoders = status.GetProperty("encoders").EnumerateArray().ToDictionary(e => e.GetProperty("encoder").GetString()!, e => e.GetProperty("works").GetBoolean());

        Assert.That(encoders["libx264"] && encoders["libx265"] && encoders["libsvtav1"], Is.True);
        Assert.That(encoders["h264_nvenc"], Is.EqualTo(File.Exists("/dev/nvidia0")));
        Assert.That(status.GetProperty("vmaf").GetString(), Does.Contain("libvmaf"));
    }

    [Test]
    public async Task Metrics_AfterAFileIsEncoded_ShowTheCatalogByStatusOutcomesSavedBytesAndTheGpuBudget()
    {
        var folder = Directory.CreateDirectory(_root.Combine("metrics")).FullName;
        // Its own size: the same bytes as another test's file would be known by fingerprint (that test's archive) and skipped.
        var path = await EncodeMedia.HighBitrateH264Async(Path.Combine(folder, "clip.mp4"), 480, 270);
        var created = await _app.Http.PostAsJsonAsync("/api/v1/encode/libraries", new
        {
            name = "metrics", folders = new[] { folder },
            profile = new { codec = "hevc", encoder = "cpu", quality = 30, speed = "ultrafast", maxBitrateKbps = 1500, thresholds = new { minSsim = 0.8 } },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await _app.Http.PostAsync($"/api/v1/encode/libraries/{id}/scan", null);
        await _app.Http.PostAsync($"/api/v1/encode/libraries/{id}/start", null);
        await WaitForStatusAsync(id, path, "done");

        var metrics = (await _app.Http.GetStringAsync("/metrics")).Split('\n').Where(l => !l.StartsWith('#')).ToList();
        var gpu = (await _app.Http.GetFromJsonAsync<JsonElement>("/api/v1/encode/status")).GetProperty("gpu");
        var encode = string.Join('\n', metrics.Where(l => l.StartsWith("gilgamesh_encode", StringComparison.Ordinal)));

        Assert.Multiple(() =>
        {
            Assert.That(Value(metrics, "gilgamesh_encode_files", "status=\"done\""), Is.GreaterThanOrEqualTo(1), encode);
            Assert.That(Value(metrics, "gilgamesh_encode_outcomes", "outcome=\"done\""), Is.GreaterThanOrEqualTo(1), encode);
            Assert.That(Value(metrics, "gilgamesh_encode_saved_bytes", ""), Is.GreaterThan(0), encode);
            Assert.That(Value(metrics, "gilgamesh_encode_fps", ""), Is.GreaterThanOrEqualTo(0), encode);
            Assert.That(Value(metrics, "gilgamesh_budget_capacity", "budget=\"gpu0\""), Is.EqualTo(2));
            Assert.That((gpu.GetProperty("device").GetString(), gpu.GetProperty("budget").GetInt32(), gpu.GetProperty("leased").GetInt32()), Is.EqualTo(("gpu0", 2, 0)));
        });
    }

    /// <summary>The value of the first series named <paramref name="name"/> (any suffix such as _total) holding <paramref name="label"/>, or -1.</summary>
    private static double Value(IEnumerable<string> lines, string name, string label) =>
        lines.Where(l => l.StartsWith(name, StringComparison.Ordinal) && l[name.Length..].TakeWhile(c => c is not ('{' or ' ')).All(c => char.IsLetter(c) || c == '_')
                         && l.Contains(label, StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(-1).First();

    [Test]
    public async Task Ready_ListsTheEncodersCheckWithTheEncodersThatWorkHere()
    {
        using var ready = JsonDocument.Parse(await _app.Http.GetStringAsync("/health/ready"));
        var check = ready.RootElement.GetProperty("checks").GetProperty("encoders");
        var description = check.GetProperty("description").GetString();

        Assert.That(check.GetProperty("status").GetString(), Is.EqualTo("healthy"));
        Assert.That(description, Does.StartWith("encoders: libx264, libx265, libsvtav1"));
        Assert.That(description, Does.Contain(File.Exists("/dev/nvidia0") ? "NVENC available" : "no NVENC here"));
    }

    [Test]
    public async Task PauseAndResume_ThroughTheApi_AreReportedByStatus()
    {
        await _app.Http.PostAsync("/api/v1/encode/pause", null);
        var paused = (await _app.Http.GetFromJsonAsync<JsonElement>("/api/v1/encode/status")).GetProperty("paused").GetBoolean();
        await _app.Http.PostAsync("/api/v1/encode/resume", null);
        var resumed = (await _app.Http.GetFromJsonAsync<JsonElement>("/api/v1/encode/status")).GetProperty("paused").GetBoolean();

        Assert.That((paused, resumed), Is.EqualTo((true, false)));
    }

    private async Task<JsonElement> WaitForStatusAsync(Guid library, string path, string status)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        JsonElement file = default;
        while (DateTime.UtcNow < deadline)
        {
            var files = await _app.Http.GetFromJsonAsync<JsonElement>($"/api/v1/encode/libraries/{library}/files");
            file = files.EnumerateArray().Single(f => f.GetProperty("path").GetString() == path);
            if (file.GetProperty("status").GetString() == status) return file;
            if (file.GetProperty("status").GetString() is "failed" or "corrupt" or "skipped") break;
            await Task.Delay(250);
        }

        Assert.Fail($"file did not reach {status}: {file}");
        return file;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
