namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>A row of <c>ingest.upload_sessions</c>: a resumable upload and which of its chunks have arrived.</summary>
internal sealed record UploadSession
{
    public Guid Id { get; init; }
    public Guid OwnerId { get; init; }
    public string DisplayName { get; init; } = "";
    public long SizeBytes { get; init; }
    public long ChunkSize { get; init; }
    public int ChunkCount { get; init; }
    public string? Sha256 { get; init; }
    public int[] Received { get; init; } = [];
    public int ChunkWrites { get; init; }
    public string Status { get; init; } = UploadStatuses.Open;
    public Guid? MediaId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }

    public long ChunkOffset(int index) => index * ChunkSize;

    /// <summary>Every chunk is <see cref="ChunkSize"/> bytes except the last, which holds the rest.</summary>
    public long ChunkLength(int index) => index == ChunkCount - 1 ? SizeBytes - ChunkOffset(index) : ChunkSize;

    public IEnumerable<int> Missing => Enumerable.Range(0, ChunkCount).Except(Received);
}

internal static class UploadStatuses
{
    public const string Open = "open";
    public const string Completing = "completing";
    public const string Completed = "completed";
}
