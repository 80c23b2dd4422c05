namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// The work behind one job kind. Handlers are resolved from DI (scoped per run), receive the job's
/// context and must be re-runnable: check what already exists, write outputs to a temp path and
/// rename, and honour the cancellation token.
/// </summary>
public interface IJobHandler
{
    string Module { get; }
    string Kind { get; }
    Task ExecuteAsync(JobContext context, CancellationToken cancellationToken);
}
