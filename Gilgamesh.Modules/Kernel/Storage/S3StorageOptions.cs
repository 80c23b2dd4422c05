namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>Configuration section <c>Storage:S3</c>.</summary>
public sealed class S3StorageOptions
{
    /// <summary>host[:port], without scheme (the scheme comes from <see cref="UseSsl"/>).</summary>
    public string Endpoint { get; set; } = "";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public string Bucket { get; set; } = "gilgamesh";
    public string? Region { get; set; }
    public bool UseSsl { get; set; }
}
