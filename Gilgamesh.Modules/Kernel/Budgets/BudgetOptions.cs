namespace Gilgamesh.Modules.Kernel.Budgets;

/// <summary>Configuration section <c>Budgets</c>: capacity per budget name.</summary>
public sealed class BudgetOptions
{
    public const string Section = "Budgets";

    /// <summary>Capacity per budget, e.g. <c>{"cpu": 8, "gpu0": 3, "llm": 2}</c>; unnamed budgets take the defaults below.</summary>
    public Dictionary<string, int> Capacities { get; set; } = [];

    /// <summary>
    /// NVENC sessions per GPU when neither configured per device nor read from the driver
    /// (<see cref="NvencSessionLimits"/>; consumer drivers allow a handful per system).
    /// </summary>
    public int GpuSessions { get; set; } = 3;

    /// <summary>Per-device capacities read from the NVIDIA driver at start, and why (see <see cref="NvencSessionLimits"/>).</summary>
    public NvencDetection Nvenc { get; set; } = new(new Dictionary<string, int>(), "not detected");

    public int LlmCalls { get; set; } = 2;

    public int FetchesPerHost { get; set; } = 4;

    /// <summary>How often a waiting job looks again for a free lease, in milliseconds.</summary>
    public int PollMilliseconds { get; set; } = 200;

    public int CapacityOf(string budget) =>
        Capacities.TryGetValue(budget, out var configured) ? configured
        : budget == BudgetNames.Cpu ? Environment.ProcessorCount
        : budget == BudgetNames.Llm ? LlmCalls
        : budget.StartsWith("gpu", StringComparison.Ordinal) ? Nvenc.Sessions.GetValueOrDefault(budget, GpuSessions)
        : budget.StartsWith("fetch:", StringComparison.Ordinal) ? FetchesPerHost
        : 1;
}
