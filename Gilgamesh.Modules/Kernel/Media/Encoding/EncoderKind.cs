namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>Where an encode runs: ffmpeg's software encoders, or NVIDIA's NVENC on a GPU.</summary>
internal enum EncoderKind
{
    Cpu,
    Nvenc,
}
