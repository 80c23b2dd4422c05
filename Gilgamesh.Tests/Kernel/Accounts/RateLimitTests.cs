using System.Net;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Accounts;

[NonParallelizable]
public sealed class RateLimitTests
{
    [Test]
    public async Task RequestOverTheLimit_Gets429WithRetryAfterAndProblem()
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?> { ["Accounts:ApiRequestsPerMinute"] = "5" });
        using var viewer = await app.CreateUserAsync("viewer");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 7; i++)
        {
            var response = await viewer.Http.GetAsync("/api/v1/jobs");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) { rejected = response; break; }
            response.Dispose();
        }

        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(rejected, Is.Not.Null, "the sixth request is over the limit");
        Assert.That(rejected!.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await rejected.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"request.rate_limited\""));
        rejected.Dispose();
        Assert.That((await app.Http.GetAsync("/api/v1/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "limits are per user or key");
    }

    [Test]
    public async Task SignIns_AreLimitedPerAddress()
    {
        await using var app = await AppInstance.StartAsync(settings: new Dictionary<string, string?> { ["Accounts:SignInsPerMinute"] = "3" });
        using var http = app.Anonymous();

        var statuses = new List<int>();
        string? retryAfter = null, code = null;
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.PostAsync("/api/v1/auth/sign-in",
                new StringContent($"{{\"userName\":\"u{i}\",\"password\":\"p\"}}", System.Text.Encoding.UTF8, "application/json"));
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || retryAfter is not null) continue;
            retryAfter = response.Headers.RetryAfter?.ToString();
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            code = problem.RootElement.GetProperty("code").GetString();
        }

        // Three a minute from this address; the test app's own admin sign-in at start-up took the first.
        Assert.That(statuses.Take(2), Has.All.EqualTo(401), "the remaining tries are judged");
        Assert.That(statuses.Skip(2), Has.All.EqualTo(429));
        Assert.That(retryAfter, Is.Not.Null.And.Not.Empty, "Retry-After on the refused sign-in");
        Assert.That(code, Is.EqualTo("request.rate_limited"));
    }
}
