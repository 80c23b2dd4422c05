using System.Text.Json;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel;

/// <summary>The app's own stdout: JSON lines, and every line of job work names its job and module.</summary>
[NonParallelizable]
public sealed class JobLoggingTests
{
    [Test]
    public async Task LogLinesOfJobWork_AreJsonAndCarryJobIdAndModule()
    {
        using var dataDir = new TempDirectory("gilgamesh-logs");
        await using var app = await AppProcess.StartAsync(dataDir.Path, await TestDatabase.CreateAsync("logs"));
        var job = await JobApi.PostAsync(app.Http, "/api/v1/probe/renders", new { durationSeconds = 1 });
        await JobApi.WaitForStatusAsync(app.Http, job.Id, "succeeded");
        await app.StopAsync();

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parsed = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList(); // every line is JSON
        var jobLines = parsed.Where(l => l.GetProperty("Message").GetString()!.Contains(job.Id.ToString())).ToList();

        Assert.That(jobLines, Is.Not.Empty);
        foreach (var line in jobLines.Where(l => l.GetProperty("Category").GetString() == "Gilgamesh.Jobs"))
        {
            var scope = line.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("JobId", out _));
            Assert.That(scope.GetProperty("JobId").GetString(), Is.EqualTo(job.Id.ToString()));
            Assert.That(scope.GetProperty("Module").GetString(), Is.EqualTo("probe"));
        }
    }
}
