using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Encode.Planning;
using Gilgamesh.Modules.Encode.Running;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>Scan, the catalog, the dry run, start and manual retry of one library's files.</summary>
internal static class CatalogEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/libraries/{id:guid}/scan", ScanAsync).RequireAuthorization(Policies.Editor).WithName("ScanEncodeLibrary");
        api.MapGet("/libraries/{id:guid}/files", FilesAsync).RequireAuthorization(Policies.Viewer).WithName("ListEncodeFiles");
        api.MapPost("/libraries/{id:guid}/dry-run", DryRunAsync).RequireAuthorization(Policies.Editor).WithName("DryRunEncodeLibrary");
        api.MapPost("/libraries/{id:guid}/start", StartAsync).RequireAuthorization(Policies.Editor).WithName("StartEncodeLibrary");
        api.MapGet("/queue", async (CatalogStore catalog, CancellationToken ct) => TypedResults.Ok((await catalog.QueueAsync(ct)).Select(FileResponse.From)))
            .RequireAuthorization(Policies.Viewer).WithName("EncodeQueue");
        api.MapPost("/files/{id:guid}/retry", RetryAsync).RequireAuthorization(Policies.Editor).WithName("RetryEncodeFile");
    }

    private static async Task<IResult> ScanAsync(Guid id, LibraryStore libraries, LibraryScanner scanner, CancellationToken ct) =>
        await libraries.GetAsync(id, ct) is { } library ? TypedResults.Ok(await scanner.ScanAsync(library, ct)) : LibraryEndpoints.NotFound(id);

    private static async Task<IResult> FilesAsync(Guid id, LibraryStore libraries, CatalogStore catalog, CancellationToken ct) =>
        await libraries.GetAsync(id, ct) is null
            ? LibraryEndpoints.NotFound(id)
            : TypedResults.Ok((await catalog.ListAsync(id, ct)).Select(FileResponse.From));

    /// <summary>Scans, then forecasts every planned file from a sample encode. Nothing is queued or written outside the work folder.</summary>
    private static async Task<IResult> DryRunAsync(Guid id, LibraryStore libraries, LibraryScanner scanner, CatalogStore catalog, Forecaster forecaster,
        CancellationToken ct)
    {
        if (await libraries.GetAsync(id, ct) is not { } library) return LibraryEndpoints.NotFound(id);
        await scanner.ScanAsync(library, ct);
        var files = await catalog.ListAsync(id, ct);
        foreach (var file in files.Where(f => f.Status == FileStatus.Planned))
        {
            var (bytes, seconds) = await forecaster.ForecastAsync(file, library, Path.Combine(library.Folders[0], ".gilgamesh-work"), ct);
            await catalog.SetForecastAsync(file.Id, bytes, seconds, ct);
        }

        var rows = (await catalog.ListAsync(id, ct)).Select(FileResponse.From).ToList();
        var planned = rows.Where(r => r.Status == FileStatus.Planned).ToList();
        return TypedResults.Ok(new DryRunResponse(rows, planned.Count, planned.Sum(r => r.SizeBytes), planned.Sum(r => r.ForecastBytes ?? 0),
            planned.Sum(r => r.ForecastSeconds ?? 0)));
    }

    private static async Task<IResult> StartAsync(Guid id, LibraryStore libraries, CatalogStore catalog, IEncodeQueue queue, CurrentUser me, CancellationToken ct)
    {
        if (await libraries.GetAsync(id, ct) is null) return LibraryEndpoints.NotFound(id);
        var queued = await catalog.QueuePlannedAsync(id, ct);
        foreach (var fileId in queued) await queue.EnqueueAsync(fileId, me.Id.ToString(), ct);
        return TypedResults.Ok(new { queued = queued.Count });
    }

    private static async Task<IResult> RetryAsync(Guid id, CatalogStore catalog, LibraryStore libraries, OutcomeStore outcomes, IEncodeQueue queue,
        CurrentUser me, CancellationToken ct)
    {
        if (await catalog.GetAsync(id, ct) is not { } file || await libraries.GetAsync(file.LibraryId, ct) is not { } library)
            return ApiProblem.NotFound(EncodeErrorCodes.FileNotFound, $"No catalogued file {id}.");
        if (file.Status is not (FileStatus.Failed or FileStatus.KeptOriginal or FileStatus.Corrupt))
            return ApiProblem.Conflict(EncodeErrorCodes.FileNotRetryable, $"only failed, corrupt or kept files are retried; this one is {file.Status}");
        if (file.Fingerprint is { } fingerprint) await outcomes.ForgetAsync(fingerprint, library.ProfileVersion, ct);
        await catalog.ResetAttemptsAsync(file.Id, ct);
        await catalog.SetStatusAsync(file.Id, FileStatus.Queued, ["retry asked by " + me.UserName], ct: ct);
        await queue.EnqueueAsync(file.Id, me.Id.ToString(), ct);
        return TypedResults.Accepted($"/api/v1/encode/libraries/{library.Id}/files");
    }
}

internal sealed record FileResponse(Guid Id, Guid LibraryId, string Path, string Status, IReadOnlyList<string> Reasons, long SizeBytes, long? ForecastBytes,
    double? ForecastSeconds, long? ActualBytes, double? ActualSeconds, string? Encoder, double? Ssim, int Attempts, double? Progress, double? Fps,
    double? EtaSeconds, long? SourceBytes)
{
    public static FileResponse From(CatalogFile f) => new(f.Id, f.LibraryId, f.Path, f.Status, f.Reasons, f.SizeBytes, f.ForecastBytes, f.ForecastSeconds,
        f.ActualBytes, f.ActualSeconds, f.ChosenEncoder, f.Ssim, f.Attempts, f.Progress, f.Fps, f.EtaSeconds, f.SourceBytes);
}

internal sealed record DryRunResponse(IReadOnlyList<FileResponse> Files, int Planned, long PlannedBytes, long ForecastBytes, double ForecastSeconds);
