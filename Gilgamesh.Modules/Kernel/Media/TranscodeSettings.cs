namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// A transcode target. Quality is <see cref="Crf"/> or <see cref="VideoBitrateKbps"/> (not both; neither
/// means the encoder default). Giving only one of <see cref="Width"/>/<see cref="Height"/> keeps the
/// aspect ratio with an even other side (what 4:2:0 encoders need).
/// </summary>
internal sealed record TranscodeSettings
{
    public required string VideoCodec { get; init; }
    public Crf? Crf { get; init; }
    public int? VideoBitrateKbps { get; init; }
    public string? Preset { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? PixelFormat { get; init; }
    /// <summary>Null: drop audio.</summary>
    public string? AudioCodec { get; init; } = "aac";
    public int? AudioBitrateKbps { get; init; }
    /// <summary>Move the MP4 index to the front so browsers can start playing before the download ends.</summary>
    public bool FastStart { get; init; } = true;
}
