namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>Re-encode video with <paramref name="Codec"/> at <paramref name="Crf"/> and <paramref name="Preset"/> (e.g. libx264, 23, "fast").</summary>
internal sealed record VideoEncoding(string Codec, Crf Crf, string Preset);
