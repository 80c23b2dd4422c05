namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// One description of an encode, independent of the encoder that carries it out
/// (<see cref="EncoderSelection"/> maps it to libx264, libx265, libsvtav1, h264_nvenc or hevc_nvenc).
/// </summary>
/// <param name="Quality">Constant quality: CRF for the software encoders, CQ for NVENC (lower is better).
/// 0–51 for H.264 and HEVC, 0–63 for AV1.</param>
/// <param name="MaxRateKbps">Cap on the video bit rate (VBV, buffer twice the rate); null: uncapped.</param>
/// <param name="BitDepth">8 or 10 bits per sample.</param>
/// <param name="GopFrames">Frames between keyframes; null: the encoder's default.</param>
/// <param name="PixelFormat">Overrides the pixel format the bit depth implies (<c>yuv420p</c>, <c>yuv420p10le</c>, NVENC's <c>p010le</c>).</param>
/// <param name="Speed">Software preset (x264/x265 <c>ultrafast</c>…<c>veryslow</c>, SVT-AV1 <c>0</c>–<c>13</c>) or NVENC <c>p1</c>–<c>p7</c>; null: a balanced default per encoder.</param>
/// <param name="FastStart">MP4/MOV: the index at the front, so playback starts before the download ends.</param>
internal sealed record EncodePreset(
    VideoCodec Codec,
    int Quality,
    int? MaxRateKbps = null,
    int BitDepth = 8,
    int? GopFrames = null,
    string? PixelFormat = null,
    string? Speed = null,
    bool FastStart = true)
{
    public int MaxQuality => Codec == VideoCodec.Av1 ? 63 : 51;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public EncodePreset Validate()
    {
        if (Quality < 0 || Quality > MaxQuality)
            throw new ArgumentOutOfRangeException(nameof(Quality), Quality, $"quality for {Codec} must be between 0 and {MaxQuality}");
        if (MaxRateKbps is <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxRateKbps), MaxRateKbps, "max rate must be positive");
        if (BitDepth is not (8 or 10))
            throw new ArgumentOutOfRangeException(nameof(BitDepth), BitDepth, "bit depth must be 8 or 10");
        if (GopFrames is <= 0)
            throw new ArgumentOutOfRangeException(nameof(GopFrames), GopFrames, "GOP must be positive");
        if (PixelFormat is not null) EncoderName.Require(PixelFormat, nameof(PixelFormat));
        if (Speed is not null) EncoderName.Require(Speed, nameof(Speed));
        return this;
    }
}
