namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// Measurements the kernel takes (step durations, budget waits), handed to whoever exports them: the host's
/// <c>/metrics</c> subscribes; the kernel itself depends on no metrics library.
/// </summary>
public sealed class JobMeters
{
    /// <summary>module, kind, final status, seconds.</summary>
    public event Action<string, string, string, double>? RunFinished;

    /// <summary>budget, seconds waited, whether a lease was granted.</summary>
    public event Action<string, double, bool>? BudgetWaited;

    internal void StepFinished(JobRecord job, TimeSpan elapsed, string status) =>
        RunFinished?.Invoke(job.Module, job.Kind, status, elapsed.TotalSeconds);

    internal void Waited(string budget, double seconds, bool granted) => BudgetWaited?.Invoke(budget, seconds, granted);
}
