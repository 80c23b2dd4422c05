using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>
/// The HTTP resilience pipeline of model requests, outermost first: total timeout, retries (exponential with jitter;
/// a <c>Retry-After</c> header sets the delay instead), circuit breaker, per-attempt timeout. A circuit that is open
/// fails at once (its exception is not retried).
/// </summary>
internal static class ModelResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ModelOptions options)
    {
        builder.AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds));
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(options.RetryDelaySeconds),
                ShouldRetryAfterHeader = true,
            });
        }

        builder
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = Math.Max(2, options.CircuitMinimumThroughput),
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(Math.Max(0.5, options.CircuitBreakSeconds)),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
    }
}
