namespace Gilgamesh.Modules.Encode;

/// <summary>Stable error codes of the encode module (documented in docs/errors.md and docs/encode/).</summary>
internal static class EncodeErrorCodes
{
    public const string LibraryNotFound = "encode.library_not_found";
    public const string LibraryInvalid = "encode.library_invalid";
    public const string LibraryExists = "encode.library_exists";
    public const string FolderOutsideRoots = "encode.folder_outside_roots";
    public const string FolderSymlinkEscape = "encode.folder_symlink_escape";
    public const string FolderMissing = "encode.folder_missing";
    public const string FileNotFound = "encode.file_not_found";
    public const string FileNotRetryable = "encode.file_not_retryable";
    public const string ImportInvalid = "encode.import_invalid";
    /// <summary>A job's error, not an HTTP answer: an encode attempt failed and the job is retried with backoff.</summary>
    public const string EncodeAttemptFailed = "encode.attempt_failed";
}
