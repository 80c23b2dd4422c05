using Gilgamesh.Modules.Encode.Catalog;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Budgets;
using Gilgamesh.Modules.Kernel.Media.Encoders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Encode.Control;

/// <summary>Pause and resume (global and per library) and the module's state: pause, GPU leases and cool-down, encoders that work here.</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/pause", async (QueueControl control, CancellationToken ct) =>
        {
            await control.SetPausedAsync(true, ct);
            return TypedResults.Ok(new { paused = true });
        }).RequireAuthorization(Policies.Editor).WithName("PauseEncode");
        api.MapPost("/resume", ResumeAsync).RequireAuthorization(Policies.Editor).WithName("ResumeEncode");
        api.MapPost("/libraries/{id:guid}/pause", async (Guid id, LibraryStore libraries, CancellationToken ct) =>
                await libraries.SetPausedAsync(id, true, ct) ? Results.Ok(new { paused = true }) : LibraryEndpoints.NotFound(id))
            .RequireAuthorization(Policies.Editor).WithName("PauseEncodeLibrary");
        api.MapPost("/libraries/{id:guid}/resume", async (Guid id, LibraryStore libraries, QueueControl control, CatalogStore catalog, IEncodeQueue queue,
                CancellationToken ct) =>
            {
                if (!await libraries.SetPausedAsync(id, false, ct)) return LibraryEndpoints.NotFound(id);
                return Results.Ok(new { paused = false, started = await StartQueuedAsync(control, libraries, catalog, queue, ct) });
            })
            .RequireAuthorization(Policies.Editor).WithName("ResumeEncodeLibrary");
        api.MapGet("/status", StatusAsync).RequireAuthorization(Policies.Viewer).WithName("EncodeStatus");
    }

    private static async Task<IResult> ResumeAsync(QueueControl control, LibraryStore libraries, CatalogStore catalog, IEncodeQueue queue, CancellationToken ct)
    {
        await control.SetPausedAsync(false, ct);
        return TypedResults.Ok(new { paused = false, started = await StartQueuedAsync(control, libraries, catalog, queue, ct) });
    }

    /// <summary>Enqueues a job for every queued file of an unpaused library (a job that found the queue paused ended without work).</summary>
    internal static async Task<int> StartQueuedAsync(QueueControl control, LibraryStore libraries, CatalogStore catalog, IEncodeQueue queue, CancellationToken ct)
    {
        if (await control.IsPausedAsync(ct)) return 0;
        var paused = (await libraries.ListAsync(ct)).Where(l => l.Paused).Select(l => l.Id).ToHashSet();
        var started = 0;
        foreach (var file in await catalog.QueuedAsync(ct))
        {
            if (paused.Contains(file.LibraryId)) continue;
            await queue.EnqueueAsync(file.Id, null, ct);
            started++;
        }

        return started;
    }

    private static async Task<IResult> StatusAsync(QueueControl control, GpuCoolDown gpu, IBudgets budgets, BudgetOptions budgetOptions, EncoderProbe probe,
        FolderPolicy folders, CancellationToken ct) =>
        TypedResults.Ok(new
        {
            paused = await control.IsPausedAsync(ct),
            roots = folders.Roots,
            gpu = await gpu.StateAsync(budgets, budgetOptions, ct),
            encoders = (await probe.ProbeAllAsync(ct)).Select(r => new { encoder = r.Encoder, kind = r.Kind.ToString().ToLowerInvariant(), works = r.Works, reason = r.Reason }),
            vmaf = "unavailable: Debian's ffmpeg is built without libvmaf; verification uses SSIM and PSNR",
        });
}
