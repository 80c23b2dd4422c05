namespace Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

/// <summary>Subtitle <paramref name="Input"/> with <paramref name="Cues"/> into <paramref name="Output"/>.</summary>
/// <param name="Language">ISO 639-2 code written on the soft subtitle stream.</param>
/// <param name="Encoding">Burning only; null: <see cref="RenderEncoding.Default"/>.</param>
internal sealed record SubtitleRequest(string Input, string Output, IReadOnlyList<SubtitleCue> Cues, SubtitleStyle? Style = null,
    string Language = "eng", VideoEncoding? Encoding = null);
