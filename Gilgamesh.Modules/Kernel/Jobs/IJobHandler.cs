namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// The work behind one <see cref="JobKind{TInput,TResult}"/>, registered with
/// <see cref="JobHandlerRegistration.AddJobHandler{THandler,TInput,TResult}"/>. Handlers are resolved from DI
/// (scoped per run) and must be re-runnable: check what already exists, write outputs to a temp path and
/// rename, and honour the cancellation token. The returned value is stored as the job's result.
/// </summary>
public interface IJobHandler<in TInput, TResult>
{
    Task<TResult> ExecuteAsync(TInput input, JobContext context, CancellationToken cancellationToken);
}
