namespace Gilgamesh.Modules.Encode;

/// <summary>Section <c>Encode</c> of the configuration.</summary>
internal sealed class EncodeOptions
{
    public const string Section = "Encode";

    /// <summary>Folders libraries may live in; empty: <c>&lt;DataDir&gt;/libraries</c>.</summary>
    public string[] Roots { get; set; } = [];

    /// <summary>Seconds a file's size and mtime must stay unchanged before it is taken.</summary>
    public double StableSeconds { get; set; } = 30;

    /// <summary>Compare every n-th frame for SSIM/PSNR in verification.</summary>
    public int VerifySampleEvery { get; set; } = 10;

    /// <summary>Attempts before a file is poisoned (never queued again under this profile version).</summary>
    public int MaxAttempts { get; set; } = 3;
}
