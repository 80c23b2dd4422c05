namespace Gilgamesh.Tests.Support;

/// <summary>
/// What lecture to generate: <see cref="Slides"/> slides of about <see cref="SecondsPerSlide"/> seconds each
/// (tests: 4 × 25 s; the bench: 120 × 30 s), the slide whose section uses cue phrases (−1: none), the frame
/// size, and whether the camera inset and captions are part of it.
/// </summary>
internal sealed record LectureSpec(int Slides = 4, double SecondsPerSlide = 25, int CueSlide = 2, int Width = 640, int Height = 360,
    bool CameraInset = true, bool WithSpeech = true)
{
    public const int FrameRate = 25;

    /// <summary>Pause after a sentence inside a slide: 0.5–0.9 s, varied so pauses are not a fixed grid.</summary>
    public static double SentencePause(int sentence) => 0.5 + 0.1 * (sentence % 5);

    /// <summary>Pause between the last sentence of a slide and the first of the next; the slide changes in its middle.</summary>
    public const double SlidePause = 1.4;

    public string FileStem => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"lecture-{Slides}x{SecondsPerSlide:0}-cue{CueSlide}-{Width}x{Height}{(CameraInset ? "" : "-nocam")}{(WithSpeech ? "" : "-mute")}");
}
