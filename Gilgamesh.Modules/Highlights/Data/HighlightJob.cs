namespace Gilgamesh.Modules.Highlights.Data;

/// <summary>A row of <c>highlights.jobs</c>: one highlights request, its options (JSON), how it went and the original's facts (JSON, once the layout step has probed it).</summary>
internal sealed record HighlightJob(Guid Id, Guid OwnerId, Guid MediaId, Guid? KernelJobId, string Status, string Options,
    string? TranscriptSource, string? Analyzer, string? ErrorCode, string? ErrorMessage, DateTime CreatedAt, DateTime UpdatedAt, string? Source);
