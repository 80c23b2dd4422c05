using System.Globalization;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// Lecture layouts with known regions, 640x360 25 fps H.264 (the engine analyses at 320x180 and reports
/// normalised rectangles, so 720p would only make generation slower). The "camera" is testsrc2 (moving pattern)
/// with temporal sensor-like noise (fixed seed), because a real camera picture never stands still; the
/// slide is a static drawtext slide, as a screen capture is.
/// <code>
/// var clip = await LayoutGroundTruth.PictureInPictureAsync("bottom-right");  // clip.Path, clip.Camera, clip.Layout
/// </code>
/// </summary>
internal static class LayoutGroundTruth
{
    public const int Width = 640;
    public const int Height = 360;
    public const double Seconds = 4;
    public const double SwitchSeconds = 4.4;

    /// <summary>Inset size (25% of the width) and its distance from the frame edges.</summary>
    public const int InsetWidth = 160, InsetHeight = 90, InsetMargin = 16;

    /// <summary>Normalised rectangle (x, y, width, height).</summary>
    internal sealed record Rect(double X, double Y, double Width, double Height);

    internal sealed record LayoutClip(string Path, string Layout, string? Corner, Rect? Slide, Rect? Camera, double? SwitchAt = null);

    public static readonly string[] Corners = ["top-left", "top-right", "bottom-left", "bottom-right"];

    /// <summary>Inset widths at the ends of the 20–30% range lectures use, each corner once.</summary>
    public static readonly object[] InsetSizes =
    [
        new object[] { "top-left", 0.20 }, new object[] { "top-right", 0.30 },
        new object[] { "bottom-left", 0.30 }, new object[] { "bottom-right", 0.20 },
    ];

    private static readonly Rect Full = new(0, 0, 1, 1);

    public static async Task<LayoutClip> SlidesOnlyAsync() =>
        new(await FilterGraphRender.VideoAsync("layout-slides.mp4", $"{Slide(Width, Seconds)}[out]"), "slides-only", null, Full, null);

    public static async Task<LayoutClip> CameraOnlyAsync() =>
        new(await FilterGraphRender.VideoAsync("layout-camera.mp4", $"{Camera(Width, Height, Seconds)}[out]"), "camera-only", null, null, Full);

    public static Task<LayoutClip> PictureInPictureAsync(string corner) => PictureInPictureAsync(corner, InsetWidth, InsetHeight);

    /// <summary>An inset <paramref name="widthFraction"/> of the frame wide, 16:9, even pixel sizes.</summary>
    public static Task<LayoutClip> PictureInPictureAsync(string corner, double widthFraction)
    {
        var width = (int)Math.Round(Width * widthFraction / 2) * 2;
        return PictureInPictureAsync(corner, width, (int)Math.Round(width * 9 / 16.0 / 2) * 2);
    }

    private static async Task<LayoutClip> PictureInPictureAsync(string corner, int insetWidth, int insetHeight)
    {
        var (x, y) = InsetPosition(corner, insetWidth, insetHeight);
        var graph = $"{Slide(Width, Seconds)}[slide];{Camera(insetWidth, insetHeight, Seconds)}[cam];[slide][cam]overlay=x={x}:y={y}[out]";
        var path = await FilterGraphRender.VideoAsync($"layout-pip-{corner}-{insetWidth}.mp4", graph);
        return new LayoutClip(path, "picture-in-picture", corner, Full, InsetRect(corner, insetWidth, insetHeight));
    }

    /// <summary>Slide on the left two thirds (428 px), camera on the right third (212 px).</summary>
    public static async Task<LayoutClip> SideBySideAsync()
    {
        var graph = $"{Slide(428, Seconds)}[slide];{Camera(212, Height, Seconds)}[cam];[slide][cam]hstack=inputs=2[out]";
        var path = await FilterGraphRender.VideoAsync("layout-side-by-side.mp4", graph);
        return new LayoutClip(path, "side-by-side", "right", new Rect(0, 0, 428.0 / Width, 1), new Rect(428.0 / Width, 0, 212.0 / Width, 1));
    }

    /// <summary>8 s: slides only until <see cref="SwitchSeconds"/>, then a bottom-right camera inset appears.</summary>
    public static async Task<LayoutClip> SwitchToPictureInPictureAsync()
    {
        var (x, y) = InsetPosition("bottom-right", InsetWidth, InsetHeight);
        var at = SwitchSeconds.ToString(CultureInfo.InvariantCulture);
        var graph = $"{Slide(Width, 8)}[slide];{Camera(InsetWidth, InsetHeight, 8)}[cam];[slide][cam]overlay=x={x}:y={y}:enable='gte(t,{at})'[out]";
        var path = await FilterGraphRender.VideoAsync("layout-switch.mp4", graph);
        return new LayoutClip(path, "picture-in-picture", "bottom-right", Full, InsetRect("bottom-right", InsetWidth, InsetHeight), SwitchSeconds);
    }

    /// <summary>
    /// A camera that is mostly still, as a real one is: a static room (a wall of <paramref name="wall"/> colour with
    /// a darker floor, a shelf and a picture frame, no sensor noise) with a moving "person" (a testsrc2 patch a third
    /// of the camera's width, swaying) in the middle. Only the person's pixels change from frame to frame.
    /// </summary>
    private static string StillRoomCamera(int width, int height, double seconds, string wall, bool border)
    {
        int personW = width / 3 / 2 * 2, personH = height * 2 / 3 / 2 * 2;
        var room = string.Create(CultureInfo.InvariantCulture,
            $"color=c={wall}:s={width}x{height}:r=25:d={seconds},drawbox=x=0:y={height * 3 / 4}:w={width}:h={height}:c=0x5A4632:t=fill,drawbox=x={width / 12}:y={height / 5}:w={width / 4}:h={height / 6}:c=0x2F4F6F:t=fill,drawbox=x={width * 2 / 3}:y={height / 3}:w={width / 4}:h=4:c=0x303030:t=fill");
        if (border) room += ",drawbox=x=0:y=0:w=iw:h=ih:c=0x202020:t=3";
        var person = string.Create(CultureInfo.InvariantCulture, $"testsrc2=s={personW}x{personH}:r=25:d={seconds}");
        return string.Create(CultureInfo.InvariantCulture,
            $"{room}[room{width}];{person}[person{width}];[room{width}][person{width}]overlay=x='{(width - personW) / 2}+{width / 12}*sin(2*t)':y={height - personH}[still-camera-{width}]");
    }

    /// <summary>Walls a room may have: light (near the slide's white), mid grey-green, dark.</summary>
    public static readonly string[] Walls = ["0xE6E2D8", "0x8A9A88", "0x3A3440"];

    /// <summary>A slide with an inset of the still-room camera (<see cref="StillRoomCamera"/>) <paramref name="widthFraction"/> of the frame wide.</summary>
    public static async Task<LayoutClip> StillCameraInsetAsync(string corner, double widthFraction, int wall, bool border)
    {
        var insetWidth = (int)Math.Round(Width * widthFraction / 2) * 2;
        var insetHeight = (int)Math.Round(insetWidth * 9 / 16.0 / 2) * 2;
        var (x, y) = InsetPosition(corner, insetWidth, insetHeight);
        var graph = $"{Slide(Width, Seconds)}[slide];{StillRoomCamera(insetWidth, insetHeight, Seconds, Walls[wall], border)};[slide][still-camera-{insetWidth}]overlay=x={x}:y={y}[out]";
        var path = await FilterGraphRender.VideoAsync(string.Create(CultureInfo.InvariantCulture, $"layout-still-pip-{corner}-{insetWidth}-{wall}-{border}.mp4"), graph);
        return new LayoutClip(path, "picture-in-picture", corner, Full, InsetRect(corner, insetWidth, insetHeight));
    }

    /// <summary>Slide on the left two thirds, the still-room camera (<see cref="StillRoomCamera"/>) on the right third.</summary>
    public static async Task<LayoutClip> StillCameraSideBySideAsync(int wall)
    {
        var graph = $"{Slide(428, Seconds)}[slide];{StillRoomCamera(212, Height, Seconds, Walls[wall], false)};[slide][still-camera-212]hstack=inputs=2[out]";
        var path = await FilterGraphRender.VideoAsync($"layout-still-side-by-side-{wall}.mp4", graph);
        return new LayoutClip(path, "side-by-side", "right", new Rect(0, 0, 428.0 / Width, 1), new Rect(428.0 / Width, 0, 212.0 / Width, 1));
    }

    private static (int X, int Y) InsetPosition(string corner, int insetWidth, int insetHeight) => corner switch
    {
        "top-left" => (InsetMargin, InsetMargin),
        "top-right" => (Width - InsetMargin - insetWidth, InsetMargin),
        "bottom-left" => (InsetMargin, Height - InsetMargin - insetHeight),
        "bottom-right" => (Width - InsetMargin - insetWidth, Height - InsetMargin - insetHeight),
        _ => throw new ArgumentOutOfRangeException(nameof(corner), corner, null),
    };

    private static Rect InsetRect(string corner, int insetWidth, int insetHeight)
    {
        var (x, y) = InsetPosition(corner, insetWidth, insetHeight);
        return new Rect((double)x / Width, (double)y / Height, (double)insetWidth / Width, (double)insetHeight / Height);
    }

    private static string Slide(int width, double seconds)
    {
        var id = $"layout-slide-{width}";
        var title = FilterGraphRender.DrawText(Fonts.DejaVuSansBold, 22, "0x1A1A60", 30, 25, id + "-title", "Signals and Systems");
        var bullets = new[] { "• Fourier series of periodic signals", "• Linear time-invariant systems", "• Convolution and impulse response", "• Sampling and aliasing" }
            .Select((b, i) => FilterGraphRender.DrawText(Fonts.DejaVuSans, 14, "0x222222", 40, 85 + i * 35, $"{id}-{i}", b));
        return string.Create(CultureInfo.InvariantCulture, $"color=c=0xF8F8F4:s={width}x{Height}:d={seconds}:r=25,{title},{string.Join(',', bullets)}");
    }

    private static string Camera(int width, int height, double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"testsrc2=s={width}x{height}:r=25:d={seconds},noise=alls=24:allf=t:all_seed=4242");
}
