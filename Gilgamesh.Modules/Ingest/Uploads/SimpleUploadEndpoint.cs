using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>
/// <c>POST /api/v1/ingest/uploads?name=…</c>: the whole file as the raw request body, streamed to a scratch file
/// and ingested. The name (query <c>name</c> or header <c>X-File-Name</c>, percent-encoded) is only shown.
/// </summary>
internal static class SimpleUploadEndpoint
{
    public const string FileNameHeader = "X-File-Name";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/uploads", UploadAsync).RequireAuthorization(Policies.Editor).WithName("UploadMedia");

    private static async Task<IResult> UploadAsync(HttpContext http, string? name, UploadOptions options, GilgameshOptions host,
        MediaIngestor ingestor, MediaItemResponder responder, CurrentUser me, CancellationToken ct)
    {
        RequestBody.Allow(http, options.MaxBytes);
        // The scratch folder goes whatever happens: a refused or aborted upload leaves nothing behind.
        using var scratch = ScratchDirectory.Create(host, "ingest-upload");
        var path = scratch.File("upload");
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
            await RequestBody.CopyAsync(http.Request.Body, file, options.MaxBytes, ct);

        var displayName = name ?? Uri.UnescapeDataString(http.Request.Headers[FileNameHeader].ToString());
        var outcome = await ingestor.IngestFileAsync(new IngestRequest(me.Id, MediaSources.Upload, displayName), path, ct);
        return await UploadAnswer.ForAsync(outcome, responder, ct);
    }
}

internal static class UploadAnswer
{
    public static async Task<IResult> ForAsync(IngestOutcome outcome, MediaItemResponder responder, CancellationToken ct)
    {
        var result = new UploadResult(await responder.ToResponseAsync(outcome.Item, ct), outcome.Existing);
        return outcome.Existing
            ? TypedResults.Ok(result)
            : TypedResults.Created($"/api/v1/ingest/items/{outcome.Item.Id}", result);
    }
}
