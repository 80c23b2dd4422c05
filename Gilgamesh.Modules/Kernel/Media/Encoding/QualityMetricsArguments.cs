using System.Globalization;
using FFMpegCore;

// Namespace "Encoders", not the folder's "Encoding": a namespace Kernel.Media.Encoding would shadow System.Text.Encoding
// for every file in Kernel.Media (Encoding.UTF8 would stop compiling there).
namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// Arguments that compare an encode (<c>distorted</c>) with its source (<c>reference</c>) by SSIM and PSNR
/// on every <c>sampleEvery</c>-th frame, writing per-frame statistics to <c>ssim.log</c> and <c>psnr.log</c>
/// in the working directory (relative names: a path inside a filter graph would need its own escaping).
/// Both sides start at time zero and are compared at the encode's size in 8-bit 4:2:0, so a 10-bit or
/// downscaled encode is measured against what it was meant to be. VMAF would be the perceptual metric to
/// add here, but Debian's ffmpeg is built without libvmaf.
/// </summary>
internal static class QualityMetricsArguments
{
    public const string SsimLog = "ssim.log";
    public const string PsnrLog = "psnr.log";

    public static string Build(string distorted, string reference, int sampleEvery, int width, int height)
    {
        QuotedPath.Require(distorted, nameof(distorted));
        QuotedPath.Require(reference, nameof(reference));
        if (sampleEvery < 1) throw new ArgumentOutOfRangeException(nameof(sampleEvery), sampleEvery, "sample every n-th frame, n ≥ 1");
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "size must be positive");

        var select = string.Create(CultureInfo.InvariantCulture, $"setpts=PTS-STARTPTS,select='not(mod(n,{sampleEvery}))'");
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}:{height}");
        var graph =
            $"[0:v]{select},format=yuv420p,split[d1][d2];" +
            $"[1:v]{select},scale={size}:flags=bicubic,format=yuv420p,split[r1][r2];" +
            $"[d1][r1]ssim=stats_file={SsimLog}[s];[d2][r2]psnr=stats_file={PsnrLog}[p]";

        return FFMpegArguments
            .FromFileInput(distorted, verifyExists: false)
            .AddFileInput(reference, verifyExists: false)
            .OutputToFile("-", overwrite: false, o => o
                .WithCustomArgument($"-filter_complex \"{graph}\"")
                .WithCustomArgument("-map [s] -f null - -map [p]")
                .ForceFormat("null"))
            .Arguments;
    }
}
