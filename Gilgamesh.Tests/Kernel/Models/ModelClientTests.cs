using System.Text.Json;
using Gilgamesh.Modules.Kernel.Database;
using Gilgamesh.Modules.Kernel.Models;
using Gilgamesh.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Gilgamesh.Tests.Kernel.Models;

/// <summary>
/// The model client against <see cref="FakeOpenAiServer"/>, an in-process fake OpenAI-compatible server (a test double:
/// no language model runs here), with its calls recorded in a real PostgreSQL.
/// </summary>
public sealed class ModelClientTests
{
    private const string Schema = """
        {"type":"object","properties":{"title":{"type":"string"},"score":{"type":"number","minimum":0,"maximum":1}},"required":["title","score"]}
        """;

    private static readonly ModelPrompt Prompt = new("tests.rank", "You rank clips.", "Rank this clip: a lecture about owls.");

    private FakeOpenAiServer _server = null!;
    private NpgsqlDataSource _dataSource = null!;
    private CapturedLogs _logs = null!;
    private ServiceProvider? _services;

    [SetUp]
    public async Task SetUpAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateAsync("models"));
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(["platform"], Path.Combine(RepositoryPaths.Root, "migrations"));
        _logs = new CapturedLogs();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _server.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Test]
    public async Task Complete_WhenFakeServerAnswers_ReturnsTheTextAndRecordsModelTokensAndOutcome()
    {
        var client = Client();
        _server.ReplyWith("A clip about owls.");

        var answer = await client.CompleteAsync(Prompt with { JobId = Guid.NewGuid() });

        Assert.That(answer, Is.EqualTo(new ModelAnswer("A clip about owls.", 12, 7)));
        var body = JsonDocument.Parse(_server.Requests.Single().Body).RootElement;
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("fake-model"));
        Assert.That(_server.Requests.Single().Authorization, Is.EqualTo("Bearer sk-test-secret"));
        var call = (await Store().RecentAsync(10)).Single();
        Assert.That((call.Model, call.Purpose, call.Outcome, call.PromptTokens, call.CompletionTokens), Is.EqualTo(("fake-model", "tests.rank", "success", 12L, 7L)));
        Assert.That(_logs.ToString(), Does.Contain("Rank this clip").And.Not.Contain("sk-test-secret"));
    }

    [Test]
    public async Task CompleteJson_WhenTheFirstAnswerIsMalformed_SendsOneRepairAndReturnsTheRepairedAnswer()
    {
        var client = Client();
        _server.ReplyWith("""{"title": "Owls", "score": """);
        _server.ReplyWith("""{"title": "Owls", "score": 0.8}""");

        var answer = await client.CompleteJsonAsync(Prompt, Schema);

        Assert.That(answer.GetProperty("score").GetDouble(), Is.EqualTo(0.8));
        Assert.That(_server.Requests, Has.Count.EqualTo(2));
        Assert.That(_server.Requests[1].Body, Does.Contain("not valid JSON"), "the repair request says what was wrong");
        var calls = (await Store().RecentAsync(10)).OrderBy(c => c.StartedAt).ToList();
        Assert.That(calls.Select(c => (c.Purpose, c.Outcome)), Is.EqualTo(new[] { ("tests.rank", "invalid_answer"), ("tests.rank.repair", "success") }));
    }

    [Test]
    public async Task CompleteJson_WhenTheRepairAlsoBreaksTheSchema_FailsWithInvalidAnswerAfterTwoRequests()
    {
        var client = Client();
        _server.ReplyWith("""{"title": "Owls"}""");
        _server.ReplyWith("""{"title": "Owls", "score": 7}""");

        var error = Assert.ThrowsAsync<ModelInvalidAnswerException>(() => client.CompleteJsonAsync(Prompt, Schema));

        Assert.That(error!.Code, Is.EqualTo("models.invalid_answer"));
        Assert.That(error.Message, Does.Contain("/score"));
        Assert.That(_server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Complete_When429CarriesRetryAfter_WaitsThatLongBeforeTheRetry()
    {
        var client = Client(("Models:RetryDelaySeconds", "0.01"));
        _server.ReplyStatus(429, retryAfterSeconds: 2);
        _server.ReplyWith("ok");

        var answer = await client.CompleteAsync(Prompt);

        Assert.That(answer.Text, Is.EqualTo("ok"));
        var requests = _server.Requests;
        Assert.That(requests, Has.Count.EqualTo(2));
        // Without Retry-After the retry would come after ~10 ms.
        Assert.That((requests[1].At - requests[0].At).TotalSeconds, Is.GreaterThanOrEqualTo(1.9));
        Assert.That((await Store().RecentAsync(10)).Single().Outcome, Is.EqualTo("success"));
    }

    [Test]
    public async Task Complete_WhenTheServerKeepsAnswering500_OpensTheCircuitAndThenFailsWithoutARequest()
    {
        var client = Client(("Models:MaxRetries", "1"), ("Models:RetryDelaySeconds", "0.01"), ("Models:CircuitMinimumThroughput", "4"));
        Assert.ThrowsAsync<ModelUnavailableException>(() => client.CompleteAsync(Prompt)); // attempts 1, 2
        Assert.ThrowsAsync<ModelUnavailableException>(() => client.CompleteAsync(Prompt)); // attempts 3, 4: the circuit opens
        var before = _server.Requests.Count;

        var error = Assert.ThrowsAsync<ModelUnavailableException>(() => client.CompleteAsync(Prompt));

        Assert.That(before, Is.EqualTo(4));
        Assert.That(_server.Requests, Has.Count.EqualTo(before), "an open circuit fails without calling the endpoint");
        Assert.That(error!.Message, Does.Contain("circuit_open"));
        var outcomes = (await Store().RecentAsync(10)).OrderBy(c => c.StartedAt).Select(c => c.Outcome);
        Assert.That(outcomes, Is.EqualTo(new[] { "failed", "failed", "circuit_open" }));
    }

    [Test]
    public async Task Complete_WhenTheServerIsSlowerThanTheTimeout_FailsWithTimeout()
    {
        var client = Client(("Models:AttemptTimeoutSeconds", "0.5"), ("Models:TotalTimeoutSeconds", "1"), ("Models:MaxRetries", "0"));
        _server.ReplyAfter(TimeSpan.FromSeconds(10));

        var error = Assert.ThrowsAsync<ModelUnavailableException>(() => client.CompleteAsync(Prompt));

        Assert.That(error!.Code, Is.EqualTo("models.unavailable"));
        Assert.That((await Store().RecentAsync(10)).Single().Outcome, Is.EqualTo("timeout"));
    }

    [Test]
    public async Task Complete_WhenNotConfigured_SaysSoAndReadinessReportsIt()
    {
        var client = Client(("Models:Endpoint", ""));

        Assert.That(client.IsConfigured, Is.False);
        var error = Assert.ThrowsAsync<ModelNotConfiguredException>(() => client.CompleteAsync(Prompt));
        Assert.That(error!.Code, Is.EqualTo("models.not_configured"));
        var health = await _services!.GetRequiredService<ModelHealthCheck>().CheckHealthAsync(new HealthCheckContext());
        Assert.That((health.Status, health.Description), Is.EqualTo((HealthStatus.Healthy, "not configured: callers use their local analysis")));
        Assert.That(_server.Requests, Is.Empty);
        Assert.That(await Store().RecentAsync(10), Is.Empty);
    }

    [Test]
    public async Task Complete_WhenThePerMinuteLimitIsUsedUp_FailsWithRateLimitedWithoutARequest()
    {
        var client = Client(("Models:CallsPerMinute", "2"));
        _server.ReplyWith("one");
        _server.ReplyWith("two");
        await client.CompleteAsync(Prompt);
        await client.CompleteAsync(Prompt);

        var error = Assert.ThrowsAsync<ModelRateLimitedException>(() => client.CompleteAsync(Prompt));

        Assert.That(error!.StatusCode, Is.EqualTo(429));
        Assert.That(_server.Requests, Has.Count.EqualTo(2));
        Assert.That((await Store().RecentAsync(10)).Count(c => c.Outcome == "rate_limited"), Is.EqualTo(1));
    }

    private IModelClient Client(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Models:Endpoint"] = _server.Endpoint,
            ["Models:Model"] = "fake-model",
            ["Models:ApiKey"] = "sk-test-secret",
            ["Models:RetryDelaySeconds"] = "0.01",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        _services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton(_dataSource)
            .AddGilgameshModels(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        return _services.GetRequiredService<IModelClient>();
    }

    private ModelCallStore Store() => _services!.GetRequiredService<ModelCallStore>();
}
