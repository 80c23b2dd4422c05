namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// A synthetic clip with known ground truth: ffmpeg's <c>testsrc2</c> pattern and/or a <c>sine</c> tone
/// (amplitude 1/8, ffmpeg's default). Used by the platform self-test and the test suite.
/// </summary>
/// <param name="ToneHz">Null: no audio stream.</param>
/// <param name="IncludeVideo">False: audio only.</param>
/// <param name="AudioCodec">e.g. aac for .mp4/.m4a, pcm_s16le for .wav.</param>
internal sealed record GeneratedClipSpec(
    MediaTime Duration,
    int Width = 640,
    int Height = 360,
    int FrameRate = 25,
    double? ToneHz = 440,
    bool IncludeVideo = true,
    int SampleRate = 48000,
    string AudioCodec = "aac");
