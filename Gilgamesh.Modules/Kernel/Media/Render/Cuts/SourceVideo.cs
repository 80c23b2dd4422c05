namespace Gilgamesh.Modules.Kernel.Media.Render.Cuts;

/// <summary>The parameters of a source's first video stream that a matching re-encode must reproduce.</summary>
/// <param name="Profile">ffprobe's profile name, e.g. <c>High</c>, <c>Main</c>, <c>Main 10</c>.</param>
/// <param name="Level">ffprobe's level: H.264 ×10 (<c>40</c> = 4.0), HEVC ×30 (<c>120</c> = 4.0).</param>
/// <param name="StartSeconds">The container's start time: <c>-ss</c> counts from it, packet times include it.</param>
/// <param name="DurationSeconds">The video stream's length (the container's when the stream has none).</param>
internal sealed record SourceVideo(
    string Codec,
    string? Profile,
    int? Level,
    string? PixelFormat,
    int Width,
    int Height,
    FrameRate FrameRate,
    FrameRate? AverageFrameRate,
    string? FieldOrder,
    string? ColorRange,
    string? ColorSpace,
    string? ColorTransfer,
    string? ColorPrimaries,
    double StartSeconds,
    double DurationSeconds,
    bool HasAudio);
