using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Tests.Support;

namespace Gilgamesh.Tests.Kernel.Budgets;

/// <summary>
/// NVENC session capacities from the NVIDIA driver's files. This machine has no NVIDIA driver, so the driver's
/// files are written into a temp folder laid out like <c>/proc/driver/nvidia</c> (named so in the tests).
/// </summary>
public sealed class NvencSessionLimitsTests
{
    [TestCase("NVIDIA GeForce RTX 3080", "525.147.05", 3)]
    [TestCase("NVIDIA GeForce RTX 4090", "535.154.05", 5)]
    [TestCase("NVIDIA GeForce GTX 1660 SUPER", "551.23", 8)]
    [TestCase("NVIDIA TITAN RTX", "470.82.01", 3)]
    [TestCase("NVIDIA RTX A4000", "535.154.05", NvencSessionLimits.UncappedSessions)]
    [TestCase("Tesla T4", "470.82.01", NvencSessionLimits.UncappedSessions)]
    public void ForDriver_ByModelAndDriverVersion_IsTheDriversCap(string model, string driver, int sessions) =>
        Assert.That(NvencSessionLimits.ForDriver(model, Version.Parse(driver)), Is.EqualTo(sessions));

    [Test]
    public void Detect_OnThisMachineWithoutAnNvidiaDriver_KeepsTheConfiguredDefaultAndSaysWhy()
    {
        var detection = NvencSessionLimits.Detect();
        var options = new BudgetOptions { GpuSessions = 3, Nvenc = detection };

        Assert.That(detection.Sessions, Is.Empty);
        Assert.That(detection.Reason, Does.StartWith("no NVIDIA driver (/proc/driver/nvidia/version not found)"));
        Assert.That(options.CapacityOf("gpu0"), Is.EqualTo(3));
    }

    [Test]
    public void Detect_OnFakeDriverFilesWithTwoGpus_GivesEachDeviceItsCapInBusOrder_AndConfigurationWins()
    {
        using var root = new TempDirectory("fake-proc-driver-nvidia");
        File.WriteAllText(Path.Combine(root.Path, "version"),
            "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.154.05  Thu Dec 28 15:37:48 UTC 2023\nGCC version:  gcc version 12.2.0\n");
        WriteGpu(root.Path, "0000:81:00.0", "NVIDIA RTX A4000");
        WriteGpu(root.Path, "0000:01:00.0", "NVIDIA GeForce RTX 3060");

        var detection = NvencSessionLimits.Detect(root.Path);
        var options = new BudgetOptions { Nvenc = detection, Capacities = new() { ["gpu1"] = 2 } };

        Assert.That(detection.Sessions, Is.EquivalentTo(new Dictionary<string, int> { ["gpu0"] = 5, ["gpu1"] = NvencSessionLimits.UncappedSessions }));
        Assert.That(detection.Reason, Is.EqualTo("NVIDIA driver 535.154.05: gpu0 NVIDIA GeForce RTX 3060: 5; gpu1 NVIDIA RTX A4000: 16 NVENC sessions"));
        Assert.That((options.CapacityOf("gpu0"), options.CapacityOf("gpu1"), options.CapacityOf("gpu2")), Is.EqualTo((5, 2, 3)),
            "read per device, configured per device wins, an unseen device takes GpuSessions");
    }

    private static void WriteGpu(string root, string bus, string model)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "gpus", bus)).FullName;
        File.WriteAllText(Path.Combine(folder, "information"), $"Model: \t\t {model}\nIRQ:   \t\t 150\nGPU UUID: \t GPU-0\nBus Location: \t {bus}\n");
    }
}
