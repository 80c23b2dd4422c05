namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>"local" (files under &lt;DataDir&gt;/objects) or "s3".</summary>
    public string Provider { get; set; } = "local";

    /// <summary>Secret for local signed URLs; when empty one is generated once into &lt;DataDir&gt;/secrets/signing.key.</summary>
    public string? SigningKey { get; set; }

    public int SignedUrlTtlSeconds { get; set; } = 3600;

    public S3StorageOptions S3 { get; set; } = new();
}
