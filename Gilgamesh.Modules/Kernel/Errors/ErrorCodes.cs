namespace Gilgamesh.Modules.Kernel.Errors;

/// <summary>Stable error codes shared by the kernel. Documented in docs/errors.md; never renamed.</summary>
public static class ErrorCodes
{
    public const string InvalidJson = "request.invalid_json";
    public const string InvalidRequest = "request.invalid";
    public const string BodyTooLarge = "request.too_large";
    public const string NotFound = "resource.not_found";
    public const string Internal = "internal.error";

    public const string JobNotFound = "job.not_found";
    public const string JobInvalidState = "job.invalid_state";
    public const string JobCancelled = "job.cancelled";

    public const string StorageKeyInvalid = "storage.key_invalid";
    public const string StorageNotFound = "storage.not_found";
    public const string StorageSignatureInvalid = "storage.signature_invalid";
    public const string StorageSignatureExpired = "storage.signature_expired";
    public const string StorageRangeInvalid = "storage.range_invalid";

    public const string FfmpegMissing = "media.ffmpeg_missing";
    public const string FfmpegFailed = "media.ffmpeg_failed";
    public const string ProbeFailed = "media.probe_failed";
    public const string MediaUnreadable = "media.unreadable";
    public const string FontMissing = "media.font_missing";

    // The model client (Kernel/Models).
    public const string ModelNotConfigured = "models.not_configured";
    public const string ModelUnavailable = "models.unavailable";
    public const string ModelRateLimited = "models.rate_limited";
    public const string ModelInvalidAnswer = "models.invalid_answer";

    public const string DatabaseUnavailable = "database.unavailable";
    public const string MigrationChecksumMismatch = "database.migration_checksum_mismatch";

    // Vector search (Analysis/Vectors).
    public const string VectorDimensionMismatch = "vectors.dimension_mismatch";
    public const string VectorInvalidValue = "vectors.invalid_value";
    public const string VectorDuplicateId = "vectors.duplicate_id";
    public const string VectorInvalidArgument = "vectors.invalid_argument";
    public const string VectorIndexCorrupt = "vectors.index_corrupt";
    public const string VectorNativeUnavailable = "vectors.native_unavailable";
    public const string VectorNativeFailed = "vectors.native_failed";
}
