namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>
/// The seam for the pipelines' LLM budget: each request to the model holds a lease while it runs. The kernel's
/// pipelines (budgets leased in PostgreSQL) replace <see cref="UnlimitedLlmBudget"/> by registering their own.
/// </summary>
internal interface ILlmBudget
{
    /// <summary>Waits for a lease for one model request; dispose it when the request is done.</summary>
    ValueTask<IAsyncDisposable> LeaseAsync(ModelPrompt prompt, CancellationToken cancellationToken);
}

/// <summary>No budget: every request gets a lease at once (until the pipelines provide one).</summary>
internal sealed class UnlimitedLlmBudget : ILlmBudget
{
    public ValueTask<IAsyncDisposable> LeaseAsync(ModelPrompt prompt, CancellationToken cancellationToken) => ValueTask.FromResult<IAsyncDisposable>(Lease.Instance);

    private sealed class Lease : IAsyncDisposable
    {
        public static readonly Lease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
