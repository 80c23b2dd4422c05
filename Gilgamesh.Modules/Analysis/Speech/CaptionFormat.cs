namespace Gilgamesh.Modules.Analysis.Speech;

public enum CaptionFormat
{
    Srt,
    Vtt,
}
