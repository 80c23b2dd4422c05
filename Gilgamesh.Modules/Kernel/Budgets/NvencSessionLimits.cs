using System.Globalization;
using System.Text.RegularExpressions;

namespace Gilgamesh.Modules.Kernel.Budgets;

/// <summary>What the NVIDIA driver says about NVENC sessions: a capacity per <c>gpuN</c> budget, and why.</summary>
public sealed record NvencDetection(IReadOnlyDictionary<string, int> Sessions, string Reason);

/// <summary>
/// Default NVENC session capacities read from the NVIDIA driver's own files (no <c>nvidia-smi</c> process):
/// <c>/proc/driver/nvidia/version</c> for the driver version and <c>/proc/driver/nvidia/gpus/&lt;bus&gt;/information</c>
/// for each GPU's model, numbered in PCI bus order as <c>nvidia-smi</c> numbers them. GeForce and TITAN cards are capped
/// per system by the driver (NVIDIA's published limits: 3 concurrent sessions, 5 from driver 530, 8 from 551);
/// professional and data-centre cards are not capped by the driver, only by their encoders' throughput.
/// Without a driver the capacity stays <see cref="BudgetOptions.GpuSessions"/> and the reason says so.
/// Configured <c>Budgets:Capacities:gpuN</c> always wins.
/// </summary>
public static partial class NvencSessionLimits
{
    public const string DriverRoot = "/proc/driver/nvidia";

    /// <summary>A default for GPUs the driver does not cap (Quadro, RTX A/Ada, Tesla, A/H/L series).</summary>
    public const int UncappedSessions = 16;

    /// <summary>The driver's session cap for one GPU model under one driver version.</summary>
    public static int ForDriver(string model, Version driver)
    {
        var consumer = model.Contains("GeForce", StringComparison.OrdinalIgnoreCase) || model.Contains("TITAN", StringComparison.OrdinalIgnoreCase);
        if (!consumer) return UncappedSessions;
        return driver.Major >= 551 ? 8 : driver.Major >= 530 ? 5 : 3;
    }

    public static NvencDetection Detect(string root = DriverRoot)
    {
        var versionFile = Path.Combine(root, "version");
        if (!File.Exists(versionFile))
            return new NvencDetection(new Dictionary<string, int>(), $"no NVIDIA driver ({versionFile} not found): gpu budgets use Budgets:GpuSessions");
        var version = DriverVersion().Match(File.ReadAllText(versionFile));
        if (!version.Success || !Version.TryParse(version.Groups[1].Value, out var driver))
            return new NvencDetection(new Dictionary<string, int>(), $"NVIDIA driver version unreadable in {versionFile}: gpu budgets use Budgets:GpuSessions");

        var sessions = new Dictionary<string, int>();
        var described = new List<string>();
        var gpus = Path.Combine(root, "gpus");
        var buses = Directory.Exists(gpus) ? Directory.GetDirectories(gpus).Order(StringComparer.Ordinal).ToList() : [];
        for (var index = 0; index < buses.Count; index++)
        {
            var information = Path.Combine(buses[index], "information");
            var model = File.Exists(information) ? ModelLine().Match(File.ReadAllText(information)).Groups[1].Value.Trim() : "";
            var budget = BudgetNames.Gpu(index);
            sessions[budget] = ForDriver(model, driver);
            described.Add(string.Create(CultureInfo.InvariantCulture, $"{budget} {(model.Length > 0 ? model : "unknown model")}: {sessions[budget]}"));
        }
        return new NvencDetection(sessions, described.Count == 0
            ? $"NVIDIA driver {version.Groups[1].Value} lists no GPU: gpu budgets use Budgets:GpuSessions"
            : $"NVIDIA driver {version.Groups[1].Value}: {string.Join("; ", described)} NVENC sessions");
    }

    [GeneratedRegex(@"Kernel Module\s+(?:for\s+\S+\s+)?(\d+(?:\.\d+)+)")]
    private static partial Regex DriverVersion();

    [GeneratedRegex(@"^Model:\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex ModelLine();
}
