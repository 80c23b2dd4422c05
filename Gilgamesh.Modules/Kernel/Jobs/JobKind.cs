namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// A kind of job, declared once per module as a static field, so that enqueueing, the handler and readers of
/// the result share one input and one result type. The kernel finds the handler by <see cref="Key"/>.
/// </summary>
/// <param name="Module">The module that owns the kind (its route prefix, e.g. <c>ingest</c>).</param>
/// <param name="Name">The kind within the module (e.g. <c>analyze</c>).</param>
/// <param name="Queue">One of <see cref="JobQueues"/>.</param>
public abstract record JobKind(string Module, string Name, string Queue)
{
    public string Key => Module + "/" + Name;

    /// <summary>Budgets the kernel leases before the handler runs (e.g. <see cref="Budgets.BudgetNames.Cpu"/>), released after.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];
}

/// <inheritdoc cref="JobKind"/>
public sealed record JobKind<TInput, TResult>(string Module, string Name, string Queue = JobQueues.Default)
    : JobKind(Module, Name, Queue);

/// <summary>The result type of a job that produces nothing readers need.</summary>
public sealed record NoResult
{
    public static readonly NoResult Value = new();
}
