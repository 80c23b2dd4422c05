using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Support.GroundTruth;

/// <summary>
/// Text images and a slide video with known text, rendered by ffmpeg drawtext on 1280x720.
/// <code>
/// var page = await OcrGroundTruth.TextLinesAsync(lightOnDark: true);   // page.Path, page.Lines
/// </code>
/// </summary>
internal static class OcrGroundTruth
{
    public const int Width = 1280;
    public const int Height = 720;

    internal sealed record TextPage(string Path, IReadOnlyList<string> Lines);

    internal sealed record TitleSlide(string Path, string Title, IReadOnlyList<string> Bullets, (int Left, int Top, int Width, int Height) TitleBox);

    internal sealed record SlideVideo(string Path, IReadOnlyList<(string Text, double Start, double End)> Showings);

    /// <summary>Six lines, one per font and size (16, 20, 24, 32, 40, 48 px).</summary>
    public static readonly IReadOnlyList<(string Font, int Size, string Text)> Lines =
    [
        (Fonts.DejaVuSans, 16, "Quarterly results improved across every region this year"),
        (Fonts.LiberationSerif, 20, "The quick brown fox jumps over the lazy dog"),
        (Fonts.DejaVuSerif, 24, "Students should submit their reports before Friday"),
        (Fonts.LiberationSans, 32, "Machine learning needs careful evaluation"),
        (Fonts.DejaVuSansMono, 40, "Welcome to the lecture"),
        (Fonts.DejaVuSansBold, 48, "Thank you for listening"),
    ];

    private static readonly int[] LineTops = [60, 140, 230, 330, 450, 580];

    public static async Task<TextPage> TextLinesAsync(bool lightOnDark)
    {
        var (background, ink, name) = lightOnDark ? ("0x1E2A3A", "0xF0F0F0", "lines-light-on-dark") : ("0xFAFAF5", "0x202020", "lines-dark-on-light");
        var filters = Lines.Select((l, i) => FilterGraphRender.DrawText(l.Font, l.Size, ink, 60, LineTops[i], $"{name}-{i}", l.Text));
        var path = await FilterGraphRender.ImageAsync(name + ".png", $"color=c={background}:s={Width}x{Height}:d=1,{string.Join(',', filters)}[out]");
        return new TextPage(path, Lines.Select(l => l.Text).ToList());
    }

    public const string SlideTitle = "Introduction to Neural Networks";

    public static readonly IReadOnlyList<string> SlideBullets =
    [
        "• Neurons compute weighted sums",
        "• Training adjusts the weights",
        "• Gradient descent minimises the loss",
        "• Overfitting hurts generalisation",
    ];

    /// <summary>A slide with a bold 48 px title and 30 px bullets; the title box is measured from the rendered ink.</summary>
    public static async Task<TitleSlide> TitleSlideAsync()
    {
        var title = FilterGraphRender.DrawText(Fonts.DejaVuSansBold, 48, "0x1A1A60", 80, 70, "slide-title", SlideTitle);
        var bullets = SlideBullets.Select((b, i) => FilterGraphRender.DrawText(Fonts.DejaVuSans, 30, "0x222222", 110, 220 + i * 80, $"slide-bullet-{i}", b));
        var path = await FilterGraphRender.ImageAsync("title-slide.png", $"color=c=white:s={Width}x{Height}:d=1,{title},{string.Join(',', bullets)}[out]");
        var titleOnly = await FilterGraphRender.ImageAsync("title-only.png", $"color=c=white:s={Width}x{Height}:d=1,{title}[out]");
        return new TitleSlide(path, SlideTitle, SlideBullets, await InkBoxAsync(titleOnly));
    }

    /// <summary>Colour bars and a gradient: shapes and edges, no text.</summary>
    public static Task<string> NoTextImageAsync() =>
        FilterGraphRender.ImageAsync("no-text.png", $"smptehdbars=s={Width}x{Height}:d=1[bars];gradients=s={Width}x{Height}:d=1:seed=7[g];[bars][g]blend=all_mode=average[out]");

    /// <summary>8 s: slide A 0–3 s, slide B 3–6 s, slide A again 6–8 s (a speaker going back).</summary>
    public static async Task<SlideVideo> SlideVideoAsync()
    {
        const string a = "Photosynthesis converts light into chemical energy";
        const string b = "Chlorophyll absorbs red and blue light";
        string Slide(string id, string text, string enable) =>
            FilterGraphRender.DrawText(Fonts.DejaVuSansBold, 40, "black", 80, 300, id, text, enable);
        var graph = $"color=c=white:s={Width}x{Height}:d=8:r=25,{Slide("video-a1", a, "lt(t,3)")},{Slide("video-b", b, "between(t,3,5.999)")},{Slide("video-a2", a, "gte(t,6)")}[out]";
        var path = await FilterGraphRender.VideoAsync("slides.mp4", graph);
        return new SlideVideo(path, [(a, 0, 3), (b, 3, 6), (a, 6, 8)]);
    }

    /// <summary>Bounding box of pixels darker than mid-gray: the ink of a dark-on-white rendering.</summary>
    private static async Task<(int, int, int, int)> InkBoxAsync(string image)
    {
        await foreach (var frame in MediaTools.FrameDecoder.DecodeAsync(image, new FrameRequest(25, PixelFormat: FramePixelFormat.Gray8)))
        {
            int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
            for (var y = 0; y < frame.Height; y++)
            for (var x = 0; x < frame.Width; x++)
            {
                if (frame.Pixels[y * frame.Width + x] >= 128) continue;
                (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
            }
            return (left, top, right - left + 1, bottom - top + 1);
        }
        throw new InvalidOperationException("no frame decoded from " + image);
    }
}
