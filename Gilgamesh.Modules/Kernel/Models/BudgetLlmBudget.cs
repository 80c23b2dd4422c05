using Gilgamesh.Modules.Kernel.Budgets;

namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>The pipelines' <c>llm</c> budget (leases in PostgreSQL, <c>Budgets:Capacities</c>): each model request holds one unit.</summary>
internal sealed class BudgetLlmBudget(IBudgets budgets) : ILlmBudget
{
    public async ValueTask<IAsyncDisposable> LeaseAsync(ModelPrompt prompt, CancellationToken cancellationToken) =>
        await budgets.AcquireAsync(BudgetNames.Llm, prompt.JobId, deadline: null, cancellationToken).ConfigureAwait(false)
        ?? throw new ModelUnavailableException("no lease of the llm budget");
}
