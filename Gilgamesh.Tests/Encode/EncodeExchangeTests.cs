using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Encode;

/// <summary>Libraries and profiles as JSON/YAML files validated by the published schema (same app as the other API tests).</summary>
public partial class EncodeApiTests
{
    [Test]
    public async Task Schema_IsServedAndIsTheCopyShippedInTheDocs()
    {
        var served = await _app.Http.GetStringAsync("/api/v1/encode/schema");

        Assert.That(served, Is.EqualTo(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "encode", "libraries.schema.json"))));
    }

    [Test]
    public async Task ExportThenImport_AsYaml_RecreatesTheLibraryWithTheSameProfileAndSkipsExistingNames()
    {
        var folder = Directory.CreateDirectory(_root.Combine("roundtrip")).FullName;
        var created = await _app.Http.PostAsJsonAsync("/api/v1/encode/libraries", new
        {
            name = "roundtrip", folders = new[] { folder }, include = new[] { "*.mkv" }, windowStart = "01:00", windowEnd = "05:30",
            profile = new { codec = "h264", quality = 22, maxHeight = 720, bitDepth = 8, audio = new { keepLanguages = new[] { "eng" }, codec = "copy" },
                thresholds = new { minSsim = 0.97, allowLarger = false, durationToleranceSeconds = 0.5 } },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());

        var before = (await _app.Http.GetFromJsonAsync<JsonElement>("/api/v1/encode/libraries")).EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();
        var yaml = await _app.Http.GetStringAsync("/api/v1/encode/libraries/export?format=yaml");
        var renamed = yaml.Replace("name: roundtrip\n", "name: roundtrip-copy\n", StringComparison.Ordinal);
        var import = await _app.Http.PostAsync("/api/v1/encode/libraries/import", new StringContent(renamed, Encoding.UTF8, "application/yaml"));
        var answer = await import.Content.ReadFromJsonAsync<JsonElement>();
        var libraries = (await _app.Http.GetFromJsonAsync<JsonElement>("/api/v1/encode/libraries")).EnumerateArray().ToDictionary(l => l.GetProperty("name").GetString()!);

        Assert.That(renamed, Is.Not.EqualTo(yaml), "the export names the library");
        Assert.That(import.StatusCode, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(answer.GetProperty("created").EnumerateArray().Select(n => n.GetString()), Is.EqualTo(new[] { "roundtrip-copy" }));
        Assert.That(answer.GetProperty("skipped").EnumerateArray().Select(n => n.GetString()), Is.EquivalentTo(before.Where(n => n != "roundtrip")),
            "every other library of the export exists already");
        var (original, copy) = (libraries["roundtrip"], libraries["roundtrip-copy"]);
        Assert.That(copy.GetProperty("profile").ToString(), Is.EqualTo(original.GetProperty("profile").ToString()));
        Assert.That(copy.GetProperty("profileVersion").GetString(), Is.EqualTo(original.GetProperty("profileVersion").GetString()));
        Assert.That((copy.GetProperty("windowStart").GetString(), copy.GetProperty("include")[0].GetString()), Is.EqualTo((original.GetProperty("windowStart").GetString(), "*.mkv")));
    }

    [Test]
    public async Task Import_WhenTheDocumentBreaksTheSchema_Is400ListingEveryJsonPointerAndCreatesNothing()
    {
        var document = new
        {
            libraries = new object[]
            {
                new { name = "bad-one", folders = new[] { _root.Path }, profile = new { codec = "vp9", quality = 99 } },
                new { name = "bad-two", profile = new { thresholds = new { minSsim = 2 } }, colour = "blue" },
            },
        };

        var response = await _app.Http.PostAsJsonAsync("/api/v1/encode/libraries/import", document);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var pointers = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString()).ToList();
        var names = (await _app.Http.GetFromJsonAsync<JsonElement>("/api/v1/encode/libraries")).EnumerateArray().Select(l => l.GetProperty("name").GetString());

        Assert.That(((int)response.StatusCode, problem.GetProperty("code").GetString()), Is.EqualTo((400, "encode.import_invalid")));
        Assert.That(pointers, Is.SupersetOf(new[] { "/libraries/0/profile/codec", "/libraries/0/profile/quality", "/libraries/1", "/libraries/1/profile/thresholds/minSsim" }));
        Assert.That(names, Has.None.StartsWith("bad-"));
    }

    [Test]
    public async Task Import_WhenAYamlLibraryLiesOutsideTheRoots_Is400WithItsPointerAndCode()
    {
        using var elsewhere = new TempDirectory("gilgamesh-elsewhere");
        var yaml = $"version: 1\nlibraries:\n  - name: outside\n    folders: ['{elsewhere.Path}']\n";

        var response = await _app.Http.PostAsync("/api/v1/encode/libraries/import?format=yaml", new StringContent(yaml, Encoding.UTF8, "text/plain"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("errors")[0];

        Assert.That(error.GetProperty("pointer").GetString(), Is.EqualTo("/libraries/0"));
        Assert.That(error.GetProperty("message").GetString(), Does.StartWith("encode.folder_outside_roots"));
    }
}
