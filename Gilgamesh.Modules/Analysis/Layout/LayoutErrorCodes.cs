namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>Stable error codes of the layout engine (documented in docs/analysis/layout.md).</summary>
internal static class LayoutErrorCodes
{
    public const string NotAVideo = "layout.not_a_video";
    public const string InvalidOption = "layout.invalid_option";
}
