namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// Mean SSIM (0–1, all planes) and mean PSNR (dB, all planes; identical frames count as <see cref="QualityMeter.PsnrCeiling"/>)
/// over the compared frames. No VMAF: Debian's ffmpeg has no libvmaf.
/// </summary>
internal sealed record QualityScores(double Ssim, double Psnr, int FramesCompared, double MinSsim);
