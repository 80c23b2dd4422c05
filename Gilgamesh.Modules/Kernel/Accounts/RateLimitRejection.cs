using System.Globalization;
using System.Threading.RateLimiting;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>429 with <c>Retry-After</c> and a coded problem body.</summary>
internal static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken ct)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await ApiProblem.Create(429, "request.rate_limited", "Too many requests", $"Too many requests; try again in {retryAfter} s.")
            .ExecuteAsync(context.HttpContext);
    }
}
