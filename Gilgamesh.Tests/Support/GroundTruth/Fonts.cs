namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>Font files from the Debian packages fonts-dejavu-core and fonts-liberation.</summary>
internal static class Fonts
{
    public const string DejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string DejaVuSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    public const string DejaVuSerif = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
    public const string DejaVuSansMono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
    public const string LiberationSans = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";
    public const string LiberationSerif = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf";
}
