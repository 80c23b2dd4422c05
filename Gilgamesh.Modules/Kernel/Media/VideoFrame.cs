namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>One decoded frame; <paramref name="TimeSeconds"/> is <paramref name="Index"/> / requested fps.</summary>
internal sealed record VideoFrame(int Index, double TimeSeconds, int Width, int Height, byte[] Pixels);
