namespace Gilgamesh.Modules.Highlights;

/// <summary>The <c>Highlights</c> configuration section.</summary>
internal sealed class HighlightsOptions
{
    public const string Section = "Highlights";

    /// <summary>
    /// A fault drill for operators and tests: the named pipeline step (<c>silence</c>, <c>transcript</c>, <c>layout</c>,
    /// <c>slides</c>, <c>content</c>, <c>render</c>, <c>finish</c>) throws a transient error on its first attempt, after
    /// its work, so the retry and idempotence can be watched. Empty (the default): off.
    /// </summary>
    public string? FaultDrillStep { get; set; }

    /// <summary>How long the signed URLs in <c>GET /api/v1/highlights/{id}</c> stay valid.</summary>
    public int UrlTtlMinutes { get; set; } = 60;

    /// <summary>How many clips render at once within one request.</summary>
    public int ParallelRenders { get; set; } = 2;
}
