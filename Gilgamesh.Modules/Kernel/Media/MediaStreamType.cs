namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>ffprobe's <c>codec_type</c>; data/attachment/unknown streams are <see cref="Other"/>.</summary>
internal enum MediaStreamType
{
    Video,
    Audio,
    Subtitle,
    Other,
}
