namespace Gilgamesh.Modules.Ingest.Links.Processing;

/// <summary>Why one URL failed: becomes that URL's <c>error</c>, never an HTTP error of the whole request.</summary>
internal sealed class LinkFailure(string code, string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
    public bool Retryable { get; } = retryable;

    public static LinkFailure Invalid(string message) => new(IngestErrorCodes.LinkInvalid, message, false);
    public static LinkFailure Unsupported(string message) => new(IngestErrorCodes.LinkUnsupported, message, false);
    public static LinkFailure Forbidden(string message) => new(IngestErrorCodes.LinkForbidden, message, false);
    public static LinkFailure Unavailable(string message) => new(IngestErrorCodes.ContentUnavailable, message, false);
    public static LinkFailure TooLarge(string message) => new(IngestErrorCodes.ContentTooLarge, message, false);
    public static LinkFailure Failed(string message, Exception? inner = null) => new(IngestErrorCodes.FetchFailed, message, true, inner);
    public static LinkFailure Timeout(string message) => new(IngestErrorCodes.FetchTimeout, message, true);
}
