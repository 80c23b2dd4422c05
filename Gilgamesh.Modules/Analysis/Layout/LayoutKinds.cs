namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary>Layout class names as they appear in JSON (strings, so the output needs no enum converter).</summary>
internal static class LayoutKinds
{
    public const string SlidesOnly = "slides-only";
    public const string CameraOnly = "camera-only";
    public const string PictureInPicture = "picture-in-picture";
    public const string SideBySide = "side-by-side";
}
