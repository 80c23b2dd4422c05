using Gilgamesh.Modules.Ingest.Library;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>What an upload answers: the library item, and whether the owner already had these bytes (then 200, else 201).</summary>
internal sealed record UploadResult(MediaItemResponse Item, bool Duplicate);

/// <summary>Body of <c>POST /uploads/sessions</c>.</summary>
internal sealed record CreateUploadSession(string? Name, long SizeBytes, string? Sha256, long? ChunkSizeBytes);

/// <summary>
/// A resumable session's state: which chunks the server has (resume by sending <see cref="MissingChunks"/>),
/// and <see cref="ChunkWrites"/>, every chunk write it accepted, re-sends included.
/// </summary>
internal sealed record UploadSessionResponse(
    Guid Id,
    string Name,
    long SizeBytes,
    long ChunkSizeBytes,
    int ChunkCount,
    IReadOnlyList<int> ReceivedChunks,
    IReadOnlyList<int> MissingChunks,
    long ReceivedBytes,
    int ChunkWrites,
    string Status,
    Guid? MediaId,
    DateTimeOffset ExpiresAt)
{
    public static UploadSessionResponse From(UploadSession s)
    {
        var received = s.Received.Order().ToList();
        return new(s.Id, s.DisplayName, s.SizeBytes, s.ChunkSize, s.ChunkCount, received, s.Missing.ToList(),
            received.Sum(s.ChunkLength), s.ChunkWrites, s.Status, s.MediaId, s.ExpiresAt);
    }
}
