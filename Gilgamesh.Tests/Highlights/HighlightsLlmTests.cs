using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gilgamesh.Tests.Ingest;
using Gilgamesh.Tests.Kernel.Models;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Highlights;

/// <summary>
/// <c>analyzer: "llm"</c> through the real model client against <see cref="FakeOpenAiServer"/> (TEST DOUBLE: no language
/// model runs here): the model's ranking and titles are used; a failing or timed-out model leaves the local result,
/// and the run records which analyzer ran and why.
/// </summary>
public sealed class HighlightsLlmTests
{
    private FakeOpenAiServer _server = null!;
    private AppInstance _app = null!;
    private TestAccounts.TestUser _alice = null!;
    private Guid _lecture;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _app = await AppInstance.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Models:Endpoint"] = _server.Endpoint,
            ["Models:Model"] = "fake-model",
            ["Models:MaxRetries"] = "0",
            ["Models:AttemptTimeoutSeconds"] = "1",
            ["Models:TotalTimeoutSeconds"] = "2",
        });
        _alice = await _app.CreateUserAsync("editor", "alice-llm");
        var truth = await LectureGenerator.GenerateAsync(LectureFixture.Standard);
        _lecture = (await IngestApi.UploadAsync(_alice.Http, truth.VideoPath, "lecture.mp4")).Item.Id;
        await HighlightsApi.SupplyCaptionsAsync(_alice.Http, _lecture, truth.CaptionsPath);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Run_WhenFakeOpenAiServerRanksTheCandidates_ItsRankingAndTitleAreUsed()
    {
        _server.ReplyWith("""{"ranking":[{"candidate":3,"score":0.97,"title":"The fake model's pick"},{"candidate":0,"score":0.4,"title":"Second"}]}""");
        var before = _server.Requests.Count;

        var result = await RunLlmAsync();

        var prompt = JsonDocument.Parse(_server.Requests[before].Body).RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("content").ToString()).Last();
        var offered = Regex.Match(prompt, @"\[3\] ([0-9.]+)–([0-9.]+) s");
        var top = result.Clips.Single(c => c.Rank == 1);
        Assert.Multiple(() =>
        {
            Assert.That(result.Analyzer, Is.EqualTo("llm"));
            Assert.That(top.Title, Is.EqualTo("The fake model's pick"));
            Assert.That(top.Reasons[0], Does.StartWith("LLM rank 1"));
            Assert.That(offered.Success, Is.True, prompt);
            Assert.That(top.Start, Is.EqualTo(double.Parse(offered.Groups[1].Value, CultureInfo.InvariantCulture)).Within(0.051), "the candidate the model put first");
            Assert.That(top.End, Is.EqualTo(double.Parse(offered.Groups[2].Value, CultureInfo.InvariantCulture)).Within(0.051));
            Assert.That(result.Log, Has.Some.Contains("LLM analyzer: the model ranked 2 of"));
        });
    }

    [TestCase("failure")]
    [TestCase("timeout")]
    public async Task Run_WhenFakeOpenAiServerFailsOrTimesOut_LocalResultStandsAndIsRecorded(string how)
    {
        if (how == "failure") _server.ReplyStatus(500);
        else _server.ReplyAfter(TimeSpan.FromSeconds(10));

        var result = await RunLlmAsync();

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("succeeded"));
            Assert.That(result.Analyzer, Is.EqualTo("local"));
            Assert.That(result.Clips, Has.Count.EqualTo(1));
            Assert.That(result.Clips[0].Reasons, Has.None.StartsWith("LLM"));
            Assert.That(result.Log, Has.Some.Contains("LLM analyzer failed").And.Contains("the local analyzer's result stands"));
        });
    }

    private Task<HighlightsApi.Result> RunLlmAsync() => HighlightsApi.RunAsync(_alice.Http,
        new { mediaId = _lecture, clipCount = 1, minSeconds = 8, maxSeconds = 20, aspect = "16:9", subtitles = "none", analyzer = "llm" });
}
