using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Modules;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Bench;

/// <summary>
/// A benchmark-only module, loaded only by the in-process host of the progress-latency benchmark
/// (extra module assembly = this assembly). It has one job kind, <see cref="TickJob"/>.
/// </summary>
public sealed class BenchModule : IGilgameshModule
{
    public const string ModuleName = "bench";
    public string Name => ModuleName;
    public string Schema => "bench";
    public IReadOnlyList<NavItem> Navigation => [];

    public void RegisterServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddJobHandler<TickJob, TickInput, TickResult>(TickJob.Kind);

    public void MapEndpoints(IEndpointRouteBuilder api) { }

    public void RegisterRecurringJobs(IRecurringJobManager recurringJobs) { }
}

public sealed record TickInput(int Reports = 100, int IntervalMs = 20, bool ConstantStage = false, int LeadInMs = 500);

public sealed record TickResult(int Reports);

/// <summary>
/// Reports percent 1..N every IntervalMs through the kernel's progress API. Each report's
/// Stopwatch timestamp goes into the stage text ("t=123") unless ConstantStage, and always into
/// <see cref="ReportTimes"/> (same process, same monotonic clock as the WebSocket client).
/// </summary>
internal sealed class TickJob : IJobHandler<TickInput, TickResult>
{
    public static readonly JobKind<TickInput, TickResult> Kind = new(BenchModule.ModuleName, "tick", JobQueues.Default);
    public const string ConstantStageText = "ticking";

    /// <summary>(job id, percent) → Stopwatch timestamp of the report.</summary>
    public static readonly ConcurrentDictionary<(Guid, int), long> ReportTimes = new();

    /// <summary>(job id, percent) → wall-clock time of the report, to split latency at the row's updated_at.</summary>
    public static readonly ConcurrentDictionary<(Guid, int), DateTimeOffset> ReportWallTimes = new();

    public async Task<TickResult> ExecuteAsync(TickInput input, JobContext context, CancellationToken cancellationToken)
    {
        // Lead-in: the WebSocket client connects while the job is already running.
        await Task.Delay(input.LeadInMs, cancellationToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(input.IntervalMs));
        for (var i = 1; i <= input.Reports; i++)
        {
            await timer.WaitForNextTickAsync(cancellationToken);
            var now = Stopwatch.GetTimestamp();
            ReportTimes[(context.JobId, i)] = now;
            ReportWallTimes[(context.JobId, i)] = DateTimeOffset.UtcNow;
            // 0–1 now (the kernel's one progress scale); the latency measure keys reports by their index.
            context.Progress.Report((double)i / input.Reports, input.ConstantStage ? ConstantStageText : "t=" + now.ToString(CultureInfo.InvariantCulture));
        }
        // Let the last write reach the client before the terminal update.
        await Task.Delay(200, cancellationToken);
        return new TickResult(input.Reports);
    }
}
