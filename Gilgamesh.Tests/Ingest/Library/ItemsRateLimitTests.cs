using System.Net;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Ingest.Library;

/// <summary>
/// Issue 13 item 12: over the rate limit, <c>GET /api/v1/ingest/items</c> is refused before its handler does anything
/// (the refusal cost is measured in <c>bench/run rate-limit</c>, next to <c>/api/v1/jobs</c>).
/// </summary>
[NonParallelizable]
public sealed class ItemsRateLimitTests
{
    [Test]
    public async Task ListItems_OverTheLimit_Is429BeforeTheHandlerLooksAtTheQuery_LikeTheJobsList()
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?> { ["Accounts:ApiRequestsPerMinute"] = "3" });
        var tooLong = "/api/v1/ingest/items?q=" + new string('q', 300);

        // Under the limit the handler judges the query: too long is a 400.
        using (var fresh = await app.CreateUserAsync("viewer"))
        using (var judged = await fresh.Http.GetAsync(tooLong))
            Assert.That(judged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the handler refuses a search longer than allowed");

        using var viewer = await app.CreateUserAsync("viewer");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await viewer.Http.GetAsync("/api/v1/ingest/items");
            statuses.Add(response.StatusCode);
        }
        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests), $"the limit is reached: {string.Join(", ", statuses)}");

        // Over it, the same bad query never reaches the handler: the limiter answers first, as it does for /jobs.
        using var refused = await viewer.Http.GetAsync(tooLong);
        using var jobs = await viewer.Http.GetAsync("/api/v1/jobs");
        var problem = await IngestApi.ProblemOf(refused);
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(problem.Code, Is.EqualTo("request.rate_limited"));
            Assert.That(refused.Headers.RetryAfter, Is.Not.Null, "Retry-After");
            Assert.That(jobs.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the jobs list is refused the same way");
        });
    }
}
