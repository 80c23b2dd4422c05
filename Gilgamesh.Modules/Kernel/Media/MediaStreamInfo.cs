namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>One stream as ffprobe reports it. Fields that do not apply to the stream type are null.</summary>
/// <param name="Index">Absolute stream index in the container (what <c>-map 0:N</c> uses).</param>
/// <param name="FramesPerSecond">Average frame rate (falls back to the real base rate when the average is unknown).</param>
/// <param name="Rotation">Degrees from the display matrix side data (ffprobe's sign: counter-clockwise positive), else from the legacy <c>rotate</c> tag; 0 when absent.</param>
/// <param name="IsAttachedPicture">Cover art stored as a video stream; not a real video track.</param>
internal sealed record MediaStreamInfo(
    int Index,
    MediaStreamType Type,
    string Codec,
    int? Width,
    int? Height,
    double? FramesPerSecond,
    int Rotation,
    long? BitRate,
    int? Channels,
    int? SampleRate,
    string? Language,
    bool IsAttachedPicture);
