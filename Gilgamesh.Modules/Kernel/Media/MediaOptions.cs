namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>Media I/O options (configuration section <c>Media</c>).</summary>
internal sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Full path of the ffmpeg binary; empty means "look it up on PATH".</summary>
    public string? FfmpegPath { get; set; }

    /// <summary>Full path of the ffprobe binary; empty means "look it up on PATH".</summary>
    public string? FfprobePath { get; set; }
}
