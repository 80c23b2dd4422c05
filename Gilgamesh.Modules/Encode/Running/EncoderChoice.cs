using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>The encoder a file gets, the GPU session lease it holds (if any), and why, for the file's reasons.</summary>
internal sealed record EncoderChoice(EncoderKind Kind, BudgetLease? Lease, string? Note) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Lease?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// NVENC when the profile allows it, the probe works, the GPU is not cooling down and a session lease of the kernel's
/// budget is free right now; the CPU otherwise, with the reason. It never waits for a session: the CPU is there.
/// </summary>
internal sealed class EncoderChooser(NvencAvailability nvenc, GpuCoolDown coolDown, IBudgets budgets, Control.EncodeMetrics metrics)
{
    public async Task<EncoderChoice> ChooseAsync(EncodeProfile profile, Guid? jobId, CancellationToken ct)
    {
        if (profile.Encoder == "cpu") return new EncoderChoice(EncoderKind.Cpu, null, null);
        var probe = await nvenc.ProbeAsync(profile.VideoCodec, ct);
        if (!probe.Works) return new EncoderChoice(EncoderKind.Cpu, null, $"cpu: NVENC unavailable ({FirstLine(probe.Reason)})");
        if (coolDown.Refusal() is { } cooling)
        {
            metrics.GpuFallback("cooling-down");
            return new EncoderChoice(EncoderKind.Cpu, null, $"cpu fallback: {cooling}");
        }

        var lease = await budgets.AcquireAsync(GpuCoolDown.Device, jobId, TimeSpan.Zero, ct);
        if (lease is not null) return new EncoderChoice(EncoderKind.Nvenc, lease, null);
        metrics.GpuFallback("no-session");
        var use = (await budgets.GetUseAsync(ct)).FirstOrDefault(u => u.Budget == GpuCoolDown.Device);
        return new EncoderChoice(EncoderKind.Cpu, null,
            $"cpu fallback: no NVENC session free on {GpuCoolDown.Device} ({use?.InUse ?? 0} of {use?.Capacity ?? 0} leased)");
    }

    private static string FirstLine(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no reason given";
}
