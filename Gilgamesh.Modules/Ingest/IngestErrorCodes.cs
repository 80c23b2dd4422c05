namespace Gilgamesh.Modules.Ingest;

/// <summary>Stable error codes of the ingest module (documented in docs/errors.md).</summary>
internal static class IngestErrorCodes
{
    public const string MediaNotFound = "media.not_found";
    public const string MediaEmpty = "media.empty";
    public const string MediaUnsupported = "media.unsupported";
    public const string MediaNotReady = "media.not_ready";
    public const string AnalysisUnsupported = "analysis.unsupported";
    public const string CaptionsBeyondDuration = "captions.beyond_duration";

    public const string LinkInvalid = "link.invalid";
    public const string LinkUnsupported = "link.unsupported";
    public const string LinkForbidden = "link.forbidden";
    public const string ExtractorUnavailable = "extractor.unavailable";
    public const string ContentUnavailable = "content.unavailable";
    public const string ContentTooLarge = "content.too_large";
    public const string FetchFailed = "fetch.failed";
    public const string FetchTimeout = "fetch.timeout";
}
