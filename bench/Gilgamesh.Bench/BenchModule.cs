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

    public static readonly JobKind<EmptyInput, NoResult> Empty = new(ModuleName, "empty");

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddJobHandler<TickJob, TickInput, NoResult>(TickJob.Kind);
        services.AddJobHandler<EmptyStep, EmptyInput, NoResult>(Empty);
    }

    public void MapEndpoints(IEndpointRouteBuilder api) { }

    public void RegisterRecurringJobs(IRecurringJobManager recurringJobs) { }
}

public sealed record TickInput(int Reports = 100, int IntervalMs = 20, bool ConstantStage = false, int LeadInMs = 500);


/// <summary>
/// Reports percent 1..N every IntervalMs through the kernel's progress API. Each report's
/// Stopwatch timestamp goes into the stage text ("t=123") unless ConstantStage, and always into
/// <see cref="ReportTimes"/> (same process, same monotonic clock as the WebSocket client).
/// </summary>
internal sealed class TickJob : IJobHandler<TickInput, NoResult>
{
    public static readonly JobKind<TickInput, NoResult> Kind = new(BenchModule.ModuleName, "tick");
    public const string ConstantStageText = "ticking";

    /// <summary>(job id, percent) → Stopwatch timestamp of the report.</summary>
    public static readonly ConcurrentDictionary<(Guid, int), long> ReportTimes = new();

    /// <summary>(job id, percent) → wall-clock time of the report, to split latency at the row's updated_at.</summary>
    public static readonly ConcurrentDictionary<(Guid, int), DateTimeOffset> ReportWallTimes = new();

    public async Task<NoResult> ExecuteAsync(TickInput input, JobContext context, CancellationToken cancellationToken)
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
            // Percent i of 100 (the bench matches reports by the percent the client sees).
            context.Progress.Report(i / 100.0, input.ConstantStage ? ConstantStageText : "t=" + now.ToString(CultureInfo.InvariantCulture));
        }
        // Let the last write reach the client before the terminal update.
        await Task.Delay(200, cancellationToken);
        return NoResult.Value;
    }
}
