using System.Collections.Concurrent;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Support;

/// <summary>
/// Small media files with known ground truth, generated with ffmpeg lavfi sources (no binary fixtures in git).
/// Each file is generated once per test process, on first request, into <see cref="Folder"/>
/// (a per-process temp folder removed at exit). Safe to call from parallel tests.
/// <code>
/// var clip = await MediaGenerator.VideoWithToneAsync();   // 3 s, 640x360, 25 fps, 440 Hz tone
/// </code>
/// Custom clips: <see cref="GenerateAsync"/> with a <see cref="GeneratedClipSpec"/> and a file name (the
/// extension picks the container).
/// </summary>
internal static class MediaGenerator
{
    public const double Seconds = 3;
    public const int Width = 640;
    public const int Height = 360;
    public const int FrameRate = 25;
    public const double ToneHz = 440;

    /// <summary>Peak amplitude of ffmpeg's sine source; RMS of the tone is this / sqrt(2).</summary>
    public const double ToneAmplitude = 0.125;

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Generated = new();

    public static string Folder { get; } = CreateFolder();

    private static GeneratedClipSpec Standard => new(MediaTime.FromSeconds(Seconds), Width, Height, FrameRate, ToneHz);

    /// <summary>3 s testsrc2 640x360 25 fps (H.264) + 440 Hz mono sine (AAC 48 kHz), MP4.</summary>
    public static Task<string> VideoWithToneAsync() => GenerateAsync("video-with-tone.mp4", Standard);

    /// <summary>3 s 440 Hz mono sine, 48 kHz 16-bit PCM WAV, no video.</summary>
    public static Task<string> ToneOnlyAsync() =>
        GenerateAsync("tone-only.wav", Standard with { IncludeVideo = false, AudioCodec = "pcm_s16le" });

    /// <summary>3 s testsrc2 640x360 25 fps, MP4 without any audio stream.</summary>
    public static Task<string> VideoOnlyAsync() => GenerateAsync("video-only.mp4", Standard with { ToneHz = null });

    /// <summary>A plain text file with an .mp4 name: what a user upload with a lying extension looks like.</summary>
    public static string TextFileNamedMp4()
    {
        var path = Path.Combine(Folder, "not-media.mp4");
        File.WriteAllText(path, "This is plain text, not an MP4 file.\n");
        return path;
    }

    /// <summary>The first half of <see cref="VideoWithToneAsync"/>: the MP4 index (written last) is missing.</summary>
    public static Task<string> TruncatedMp4Async() => Generated.GetOrAdd("truncated.mp4", name => new Lazy<Task<string>>(async () =>
    {
        var bytes = await File.ReadAllBytesAsync(await VideoWithToneAsync());
        var path = Path.Combine(Folder, name);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        return path;
    })).Value;

    /// <summary>Generates <paramref name="spec"/> as <paramref name="fileName"/> in <see cref="Folder"/> once; later calls return the same path.</summary>
    public static Task<string> GenerateAsync(string fileName, GeneratedClipSpec spec) =>
        Generated.GetOrAdd(fileName, name => new Lazy<Task<string>>(async () =>
        {
            var path = Path.Combine(Folder, name);
            await MediaTools.Runner.RunAsync(GeneratedClipArguments.Build(path, spec));
            return path;
        })).Value;

    private static string CreateFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gilgamesh-test-media", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder is harmless.
            }
        };
        return folder;
    }
}
