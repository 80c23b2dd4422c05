using System.Security.Cryptography;
using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>
/// Resumable uploads under <c>/api/v1/ingest/uploads/sessions</c>: create (declared size, name, optional SHA-256)
/// → <c>PUT …/chunks/{index}</c> in any order, any number at once → <c>GET</c> the session to learn what is
/// missing after a dropped connection → <c>POST …/complete</c>. A chunk counts only once all its bytes arrived.
/// </summary>
internal static class ChunkedUploadEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var sessions = api.MapGroup("/uploads/sessions");
        sessions.MapPost("", CreateAsync).RequireAuthorization(Policies.Editor).WithName("CreateUploadSession");
        sessions.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Editor).WithName("GetUploadSession");
        // No :int constraint: a malformed index is a 400 from binding, after authorization (not a 404 "no such route").
        sessions.MapPut("/{id:guid}/chunks/{index}", PutChunkAsync).RequireAuthorization(Policies.Editor).WithName("PutUploadChunk");
        sessions.MapPost("/{id:guid}/complete", CompleteAsync).RequireAuthorization(Policies.Editor).WithName("CompleteUploadSession");
        sessions.MapDelete("/{id:guid}", AbortAsync).RequireAuthorization(Policies.Editor).WithName("AbortUploadSession");
    }

    private static async Task<IResult> CreateAsync(CreateUploadSession request, UploadOptions options, UploadSessionStore store,
        UploadArea area, MediaItemStore items, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        if (request.SizeBytes == 0) throw new GilgameshException(IngestErrorCodes.MediaEmpty, "The file is empty.", 422);
        if (request.SizeBytes < 0) return Invalid("sizeBytes must be positive.");
        if (request.SizeBytes > options.MaxBytes) throw RequestBody.TooLarge(options.MaxBytes);
        if (request.Sha256 is { } hash && (hash.Length != 64 || !hash.All(Uri.IsHexDigit))) return Invalid("sha256 must be 64 hex digits.");
        var chunkSize = request.ChunkSizeBytes ?? Math.Clamp(options.DefaultChunkBytes, options.MinChunkBytes, options.MaxChunkBytes);
        if (chunkSize < options.MinChunkBytes || chunkSize > options.MaxChunkBytes)
            return Invalid($"chunkSizeBytes must be in [{options.MinChunkBytes}, {options.MaxChunkBytes}].");

        var session = new UploadSession
        {
            Id = Guid.NewGuid(),
            OwnerId = me.Id,
            DisplayName = DisplayName.Sanitise(request.Name),
            SizeBytes = request.SizeBytes,
            ChunkSize = chunkSize,
            ChunkCount = (int)((request.SizeBytes + chunkSize - 1) / chunkSize),
            Sha256 = request.Sha256?.ToLowerInvariant(),
            MediaId = Guid.NewGuid(),
            ExpiresAt = clock.GetUtcNow() + options.SessionTimeout,
        };
        area.Create(session.Id);
        try
        {
            // The library shows the file from the start: a receiving item that completion fills in (or rejects).
            await items.InsertReceivingAsync(session.MediaId.Value, session.OwnerId, MediaSources.Upload, session.DisplayName, ct);
            await store.InsertAsync(session, ct);
        }
        catch
        {
            await items.DeleteUnfinishedAsync(session.MediaId.Value, CancellationToken.None);
            area.Delete(session.Id);
            throw;
        }
        var created = await store.GetAsync(session.Id, ct) ?? session;
        return TypedResults.Created($"/api/v1/ingest/uploads/sessions/{session.Id}", UploadSessionResponse.From(created));
    }

    private static async Task<IResult> GetAsync(Guid id, UploadSessionStore store, CurrentUser me, CancellationToken ct) =>
        await FindAsync(id, store, me, ct) is { } session ? TypedResults.Ok(UploadSessionResponse.From(session)) : NotFound(id);

    private static async Task<IResult> PutChunkAsync(Guid id, int index, HttpContext http, UploadSessionStore store, UploadArea area,
        UploadOptions options, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(id, store, me, ct) is not { } session) return NotFound(id);
        if (session.Status != UploadStatuses.Open) return Closed(session);
        if (index < 0 || index >= session.ChunkCount)
            return ApiProblem.Create(400, UploadErrorCodes.ChunkInvalid, "Bad request", $"Chunk index must be in [0, {session.ChunkCount - 1}].");
        var length = session.ChunkLength(index);
        if (http.Request.ContentLength is { } declared && declared != length)
            return ApiProblem.Create(400, UploadErrorCodes.ChunkInvalid, "Bad request", $"Chunk {index} must be exactly {length} bytes, not {declared}.");
        RequestBody.Allow(http, length);

        // Chunks go straight to their place in the session's one data file. A chunk cut short by a dropped
        // connection leaves stray bytes there, but it is not recorded, so the client sends it again.
        long written;
        await using (var file = new FileStream(area.DataFile(id), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0))
        {
            file.Seek(session.ChunkOffset(index), SeekOrigin.Begin);
            written = await RequestBody.CopyAsync(http.Request.Body, file, length, ct);
        }
        if (written != length)
            return ApiProblem.Create(400, UploadErrorCodes.ChunkInvalid, "Bad request", $"Chunk {index} must be exactly {length} bytes, got {written}.");

        var updated = await store.RecordChunkAsync(id, index, clock.GetUtcNow() + options.SessionTimeout, ct);
        return updated is null ? Closed(session) : TypedResults.Ok(UploadSessionResponse.From(updated));
    }

    private static async Task<IResult> CompleteAsync(Guid id, UploadSessionStore store, UploadArea area, UploadOptions options,
        MediaIngestor ingestor, MediaItemResponder responder, MediaItemStore items, CurrentUser me, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        if (await FindAsync(id, store, me, ct) is not { } session) return NotFound(id);
        // Completing twice answers the same item (a client that lost the first answer may ask again).
        if (session is { Status: UploadStatuses.Completed, MediaId: { } mediaId } && await items.GetAsync(mediaId, ct) is { } done)
            return TypedResults.Ok(new UploadResult(await responder.ToResponseAsync(done, ct), Duplicate: false));
        if (session.Status != UploadStatuses.Open) return Closed(session);
        if (session.Missing.Any())
            return ApiProblem.Create(409, UploadErrorCodes.Incomplete, "Conflict",
                $"{session.Missing.Count()} of {session.ChunkCount} chunks are missing; GET the session for the list.");
        // The lock is held for the whole completion: recovery after a crash knows a completing session whose lock is
        // free was interrupted (see InterruptedCompletions). It is taken before the status moves, never after.
        await using var completionLock = await store.TryLockCompletionAsync(id, ct);
        if (completionLock is null || !await store.BeginCompletingAsync(id, ct)) return Closed(session);

        var path = area.DataFile(id);
        try
        {
            var length = new FileInfo(path).Length;
            if (length != session.SizeBytes)
                throw new GilgameshException(UploadErrorCodes.SizeMismatch, $"Received {length} bytes, {session.SizeBytes} were declared.", 422);
            string? verified = null;
            if (session.Sha256 is { } expected)
            {
                verified = await Sha256Async(path, ct);
                if (verified != expected)
                    throw new GilgameshException(UploadErrorCodes.ChecksumMismatch, $"The file's SHA-256 is {verified}, {expected} was declared.", 422);
            }

            // Not TakeFile: after a passing failure the session reopens with its data file, so storage must copy it.
            // A declared (and now checked) SHA-256 spares ingest its own hashing pass.
            var outcome = await ingestor.IngestFileAsync(
                new IngestRequest(session.OwnerId, MediaSources.Upload, session.DisplayName, KnownSha256: verified), path, session.MediaId, ct);
            await store.SetStatusAsync(id, UploadStatuses.Completed, outcome.Item.Id, clock.GetUtcNow() + options.SessionTimeout, CancellationToken.None);
            area.Delete(id);
            return await UploadAnswer.ForAsync(outcome, responder, ct);
        }
        catch (GilgameshException e) when (e.StatusCode is >= 400 and < 500)
        {
            // The bytes are refused for good (not media, wrong checksum): sending them again cannot help. The item
            // stays in the library as rejected, with the code and reason, so the user sees what failed and why.
            if (session.MediaId is { } rejected)
                await items.SetPendingStatusAsync(rejected, MediaStatuses.Rejected, e.Code, e.Message, CancellationToken.None);
            await store.DeleteAsync(id, CancellationToken.None);
            area.Delete(id);
            throw;
        }
        catch (Exception e)
        {
            // A passing failure (database, storage, a cancelled request): the chunks stay and the client may retry.
            loggers.CreateLogger(typeof(ChunkedUploadEndpoints)).LogWarning(e, "Completing upload session {SessionId} failed", id);
            if (session.MediaId is { } pending)
                await items.SetPendingStatusAsync(pending, MediaStatuses.Receiving, null, null, CancellationToken.None);
            await store.SetStatusAsync(id, UploadStatuses.Open, session.MediaId, clock.GetUtcNow() + options.SessionTimeout, CancellationToken.None);
            throw;
        }
    }

    private static async Task<IResult> AbortAsync(Guid id, UploadSessionStore store, UploadArea area, MediaItemStore items, CurrentUser me,
        CancellationToken ct)
    {
        if (await FindAsync(id, store, me, ct) is not { } session) return NotFound(id);
        // GET and DELETE agree: a session that exists can be deleted, unless a completion is running on it right now
        // (then 409, try again); an interrupted completion's lock is free, so it is deleted like an open session.
        await using var completionLock = await store.TryLockCompletionAsync(id, ct);
        if (completionLock is null)
            return ApiProblem.Conflict(UploadErrorCodes.SessionClosed, $"Upload session {id} is being completed; try again when it is done.");
        await store.DeleteAsync(id, ct);
        if (session.MediaId is { } receiving) await items.DeleteUnfinishedAsync(receiving, CancellationToken.None);
        area.Delete(id);
        return TypedResults.NoContent();
    }

    private static async Task<UploadSession?> FindAsync(Guid id, UploadSessionStore store, CurrentUser me, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } session && me.CanSee(session.OwnerId.ToString()) ? session : null;

    private static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }

    private static IResult Invalid(string detail) => ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", detail);

    private static IResult NotFound(Guid id) => ApiProblem.NotFound(UploadErrorCodes.SessionNotFound, $"No upload session {id}.");

    private static IResult Closed(UploadSession session) =>
        ApiProblem.Conflict(UploadErrorCodes.SessionClosed, $"Upload session {session.Id} is {session.Status}, not open.");
}

internal static class UploadErrorCodes
{
    public const string SessionNotFound = "upload.not_found";
    public const string SessionClosed = "upload.closed";
    public const string ChunkInvalid = "upload.chunk_invalid";
    public const string Incomplete = "upload.incomplete";
    public const string SizeMismatch = "upload.size_mismatch";
    public const string ChecksumMismatch = "upload.checksum_mismatch";
}
