namespace Gilgamesh.Modules.Kernel.Budgets;

/// <summary>Names of the shared budgets (capacities are configured under <c>Budgets:Capacities</c>).</summary>
public static class BudgetNames
{
    /// <summary>CPU-heavy media work (ffmpeg decodes/encodes, analyses); default capacity: the core count.</summary>
    public const string Cpu = "cpu";

    /// <summary>Outbound calls to the configured LLM endpoint.</summary>
    public const string Llm = "llm";

    /// <summary>Encoder sessions on one GPU (NVENC), e.g. <c>gpu0</c>.</summary>
    public static string Gpu(int device) => "gpu" + device.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Outbound fetches to one host, e.g. <c>fetch:example.org</c>.</summary>
    public static string Fetch(string host) => "fetch:" + host.ToLowerInvariant();
}
