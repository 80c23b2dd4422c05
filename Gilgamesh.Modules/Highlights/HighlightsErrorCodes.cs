namespace Gilgamesh.Modules.Highlights;

/// <summary>Stable problem codes of the highlights module (docs/errors.md).</summary>
internal static class HighlightsErrorCodes
{
    public const string InvalidOptions = "highlights.invalid_options";
    public const string MediaNotFound = "highlights.media_not_found";
    public const string MediaUnsuitable = "highlights.media_unsuitable";
    public const string NotFound = "highlights.not_found";
    public const string Busy = "highlights.busy";
}
