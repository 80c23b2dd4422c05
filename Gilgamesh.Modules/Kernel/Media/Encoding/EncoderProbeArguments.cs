using FFMpegCore;

// Namespace "Encoders", not the folder's "Encoding": a namespace Kernel.Media.Encoding would shadow System.Text.Encoding
// for every file in Kernel.Media (Encoding.UTF8 would stop compiling there).
namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>Arguments of a one-frame encode into the null muxer: the cheapest proof that an encoder runs here.</summary>
internal static class EncoderProbeArguments
{
    public static string Build(EncodePreset preset, EncoderKind kind) =>
        FFMpegArguments
            // 256x144: above NVENC's minimum frame size, small enough to cost nothing on a CPU.
            .FromFileInput("color=c=black:s=256x144:r=25:d=1", verifyExists: false, i => i.ForceFormat("lavfi"))
            .OutputToFile("-", overwrite: false, o => o
                .WithCustomArgument("-frames:v 1")
                .WithCustomArgument(EncoderSelection.VideoOptions(preset, kind))
                .ForceFormat("null"))
            .Arguments;
}
