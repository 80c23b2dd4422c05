using System.Diagnostics;
using Dapper;
using Gilgamesh.Tests.Support;
using Npgsql;
using OpenQA.Selenium;

namespace Gilgamesh.Tests.Dashboard;

/// <summary>
/// A pipeline's job page in a real headless Chromium: the steps panel follows running steps live, and a failed
/// required step's Retry button resumes the pipeline. The pipelines are the test module's probe pipelines
/// (<c>POST /api/v1/probe/pipelines</c>); run counts come from its <c>probe.step_runs</c> table.
/// </summary>
public sealed class PipelineStepsBrowserTests : BrowserFixture
{
    private string _database = "";

    protected override async Task<AppInstance> StartAppAsync()
    {
        _database = await TestDatabase.CreateAsync("pipes-ui");
        return await AppInstance.StartAsync(_database, settings: new Dictionary<string, string?> { ["Jobs:DefaultWorkers"] = "6" });
    }

    [Test]
    public async Task RunningPipeline_JobPage_ShowsEachStepWithABarThatMovesUntilItIsFull()
    {
        await Browser.SignInAsync("admin", AppInstance.AdminPassword);
        // Three steps side by side, each reporting a tenth every second, then the fan-in.
        var pipeline = await JobApi.StartPipelineAsync(App.Http, new { parallel = 3, work = new { millis = 10_000 } });
        Browser.Open($"#/jobs/{pipeline.Id}");
        Browser.WaitUntil(d => d.FindElements(By.CssSelector("#job-steps li.step")).Count == 4 ? "four" : null, "four step rows");

        var seen = new Dictionary<string, List<double>>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var (status, steps) = ReadPage();
            foreach (var (name, percent) in steps)
            {
                var values = seen.TryGetValue(name, out var list) ? list : seen[name] = [];
                if (values.Count == 0 || values[^1] != percent) values.Add(percent);
            }
            if (status == "succeeded") break;
            Thread.Sleep(150);
        }
        foreach (var (name, values) in seen) TestContext.Out.WriteLine($"{name}: {string.Join(", ", values)}");

        Assert.That(Browser.Driver.FindElement(By.CssSelector("article.job-detail")).GetDomAttribute("data-status"), Is.EqualTo("succeeded"));
        Assert.That(seen.Keys, Is.EquivalentTo(new[] { "work-1", "work-2", "work-3", "gather" }));
        foreach (var name in new[] { "work-1", "work-2", "work-3" })
        {
            Assert.That(seen[name], Is.Ordered.Ascending, $"{name}'s bar only moves forward");
            Assert.That(seen[name].Count(p => p is > 0 and < 100), Is.GreaterThanOrEqualTo(3),
                $"{name}'s bar moved on the page while the step ran (values {string.Join(", ", seen[name])})");
            Assert.That(seen[name][^1], Is.EqualTo(100), $"{name}'s bar ends full");
        }
        Assert.That(seen["gather"][^1], Is.EqualTo(100));
        Browser.AssertNoSevereConsoleEntries();
    }

    [Test]
    public async Task FailedRequiredStep_RetryOnTheJobPage_CompletesThePipelineWithoutRerunningTheOthers()
    {
        var pipeline = await JobApi.StartPipelineAsync(App.Http, new
        {
            parallel = 3,
            steps = new object[] { new { value = 1 }, new { value = 2, failAttempts = 1, permanent = true }, new { value = 3 } },
        });
        var failed = await JobApi.WaitForAsync(App.Http, pipeline.Id, JobApi.IsFinal, TimeSpan.FromSeconds(60), "a final status");
        Assert.That((failed.Status, failed.ErrorCode), Is.EqualTo(("failed", (string?)"probe.step_failed")));

        await Browser.SignInAsync("admin", AppInstance.AdminPassword);
        Browser.Open($"#/jobs/{pipeline.Id}");
        Browser.WaitUntil(d => d.FindElements(By.CssSelector("article.job-detail[data-status='failed']")).FirstOrDefault(), "the pipeline shown failed");
        var retryable = Browser.Driver.FindElements(By.CssSelector("#job-steps li.step"))
            .Where(li => li.FindElements(By.CssSelector(".step-retry")).Any(b => b.Displayed))
            .Select(li => li.GetDomAttribute("data-step-name")).ToList();
        Assert.That(retryable, Is.EqualTo(new[] { "work-2" }), "only the failed step offers a retry");

        Browser.Click(By.CssSelector("#job-steps li.step[data-step-name='work-2'] .step-retry"));
        Browser.WaitUntil(d => d.FindElements(By.CssSelector("article.job-detail[data-status='succeeded']")).FirstOrDefault(),
            "the pipeline shown succeeded after the retry", TimeSpan.FromSeconds(60));
        Browser.WaitUntil(d => d.FindElements(By.CssSelector("#job-steps li.step")).All(li => li.GetDomAttribute("data-status") == "succeeded") ? "all" : null,
            "every step shown succeeded");

        await using var connection = new NpgsqlConnection(_database);
        var runs = (await connection.QueryAsync<(string Step, int Runs)>(
            "select step_name, runs from probe.step_runs where pipeline_id = @Id", new { pipeline.Id })).ToDictionary(r => r.Step, r => r.Runs);
        Assert.That(runs, Is.EquivalentTo(new Dictionary<string, int> { ["work-1"] = 1, ["work-2"] = 2, ["work-3"] = 1 }),
            "the retried step ran again, the ones that had succeeded did not");
        Assert.That(await connection.ExecuteScalarAsync<int>("select runs from probe.fan_in where pipeline_id = @Id", new { pipeline.Id }), Is.EqualTo(1));
        Browser.AssertNoErrorBanners();
    }

    /// <summary>The page's status and each step row's name and bar percent, read in one script (rows re-render live).</summary>
    private (string? Status, IReadOnlyList<(string Name, double Percent)> Steps) ReadPage()
    {
        var raw = (IReadOnlyDictionary<string, object>)Browser.Driver.ExecuteScript(
            """
            const page = document.querySelector('article.job-detail');
            const steps = [...document.querySelectorAll('#job-steps li.step')].map(li =>
              `${li.dataset.stepName}=${li.querySelector('.job-progress').dataset.percent}`);
            return { status: page ? page.dataset.status : null, steps: steps.join(';') };
            """)!;
        var steps = ((string)raw["steps"]).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('='))
            .Select(p => (p[0], double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return (raw["status"] as string, steps);
    }
}
