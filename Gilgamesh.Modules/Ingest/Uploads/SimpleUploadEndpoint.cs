using System.Security.Cryptography;
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
        // Hashed as it arrives, so ingest need not read the file again; the scratch file is ours to give away, so
        // local storage renames it into place instead of copying it.
        string sha256;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
                await RequestBody.CopyAsync(http.Request.Body, file, options.MaxBytes, ct, hash);
            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        var displayName = name ?? Uri.UnescapeDataString(http.Request.Headers[FileNameHeader].ToString());
        var request = new IngestRequest(me.Id, MediaSources.Upload, displayName, KnownSha256: sha256, TakeFile: true);
        var outcome = await ingestor.IngestFileAsync(request, path, ct);
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
