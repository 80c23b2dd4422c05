namespace Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

/// <summary>
/// How burned subtitles look. Colours are RGB hex (<c>FFFFFF</c>). <paramref name="SafeArea"/> is the share of the
/// frame kept clear at each edge (0.1: title-safe 10 %), which becomes the ASS margins. With word times, the
/// word being spoken is drawn in <paramref name="HighlightColour"/>.
/// </summary>
/// <param name="FontName">A family fontconfig knows (<c>fc-list</c>); a missing one is an error, never silent boxes.</param>
/// <param name="FontSize">Pixels at the output's height.</param>
internal sealed record SubtitleStyle(
    string FontName = "DejaVu Sans",
    int FontSize = 64,
    int Outline = 4,
    double SafeArea = 0.1,
    string PrimaryColour = "FFFFFF",
    string HighlightColour = "FFD700",
    string OutlineColour = "000000",
    bool Bold = true,
    SubtitlePosition Position = SubtitlePosition.Bottom);

internal enum SubtitlePosition
{
    Bottom,
    Middle,
    Top,
}
