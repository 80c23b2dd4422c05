namespace Gilgamesh.Modules.Kernel.Media.Encoders;

/// <summary>
/// Which streams besides the first video stream an encode keeps, and how.
/// </summary>
/// <param name="AudioLanguages">ISO 639-2 codes of the audio streams to keep (e.g. <c>eng</c>, <c>deu</c>); empty: all audio.</param>
/// <param name="AudioCodec">Encoder for kept audio, or <c>copy</c>.</param>
/// <param name="AudioBitrateKbps">Only when transcoding audio.</param>
/// <param name="AudioChannels">Downmix to this many channels (only when transcoding); null: as the source.</param>
/// <param name="KeepSubtitles">Copy every subtitle stream (the container must take the source's subtitle format).</param>
/// <param name="MaxHeight">Scale down (keeping the aspect, even width) when the source is taller; null: never scale.</param>
internal sealed record StreamRules(
    IReadOnlyList<string> AudioLanguages,
    string AudioCodec = "copy",
    int? AudioBitrateKbps = null,
    int? AudioChannels = null,
    bool KeepSubtitles = true,
    int? MaxHeight = null)
{
    public static StreamRules KeepAll { get; } = new([]);
}
