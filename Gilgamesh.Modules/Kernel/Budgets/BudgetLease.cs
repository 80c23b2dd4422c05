namespace Gilgamesh.Modules.Kernel.Budgets;

/// <summary>One held unit of a budget; disposing it gives the unit back. Expires by itself if its instance dies.</summary>
public sealed class BudgetLease : IAsyncDisposable
{
    private readonly Func<Guid, Task> _release;
    private int _released;

    internal BudgetLease(Guid id, string budget, double waitedSeconds, Func<Guid, Task> release)
    {
        Id = id;
        Budget = budget;
        WaitedSeconds = waitedSeconds;
        _release = release;
    }

    public Guid Id { get; }
    public string Budget { get; }
    public double WaitedSeconds { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) await _release(Id);
    }
}
