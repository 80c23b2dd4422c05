namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>A row of <c>encode.files</c> (init properties: Dapper's constructor matching does not take <c>text[]</c>).</summary>
internal sealed record CatalogFile
{
    public Guid Id { get; init; }
    public Guid LibraryId { get; init; }
    public string Path { get; init; } = "";
    public long SizeBytes { get; init; }
    public DateTime Mtime { get; init; }
    public DateTime StableSince { get; init; }
    public string? Fingerprint { get; init; }
    public string Status { get; init; } = "";
    public string[] Reasons { get; init; } = [];
    public int Attempts { get; init; }
    public long? ForecastBytes { get; init; }
    public double? ForecastSeconds { get; init; }
    public long? ActualBytes { get; init; }
    public double? ActualSeconds { get; init; }
    public string? ChosenEncoder { get; init; }
    public double? Ssim { get; init; }
    /// <summary>While encoding: 0–1, frames per second and seconds left (<see cref="Running.LiveProgress"/>).</summary>
    public double? Progress { get; init; }
    public double? Fps { get; init; }
    public double? EtaSeconds { get; init; }
    /// <summary>The original's size when it was encoded (<see cref="SizeBytes"/> follows the file, the output after a replace).</summary>
    public long? SourceBytes { get; init; }
}

/// <summary>The statuses of <c>encode.files</c>.</summary>
internal static class FileStatus
{
    public const string New = "new";
    public const string Compliant = "compliant";
    public const string Planned = "planned";
    public const string Queued = "queued";
    public const string Encoding = "encoding";
    public const string Verifying = "verifying";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Corrupt = "corrupt";
    public const string Skipped = "skipped";
    public const string KeptOriginal = "kept-original";
}
