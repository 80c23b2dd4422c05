using Hangfire;
using Hangfire.Common;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// This app's Hangfire filters (retry policy, state mirror) plus the global ones except Hangfire's
/// default retry. Kept per app instead of in the static GlobalJobFilters so several hosts in one
/// process (tests) don't stack duplicate filters.
/// </summary>
internal sealed class GilgameshJobFilterProvider(JobsOptions options, JobStore store) : IJobFilterProvider
{
    private readonly JobFilter[] _own =
    [
        new(new AutomaticRetryAttribute
        {
            Attempts = options.RetryAttempts,
            DelaysInSeconds = options.EffectiveRetryDelaysSeconds,
            ExceptOn = [typeof(PermanentJobFailureException)],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        }, JobFilterScope.Global, order: null),
        new(new JobStateMirrorFilter(store, options), JobFilterScope.Global, order: null),
    ];

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        _own.Concat(JobFilterProviders.Providers.GetFilters(job).Where(f => f.Instance is not AutomaticRetryAttribute));
}
