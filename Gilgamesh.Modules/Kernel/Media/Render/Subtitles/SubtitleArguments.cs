using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media.Render.Subtitles;

/// <summary>Commands for subtitles (pure).</summary>
internal static class SubtitleArguments
{
    /// <summary>
    /// Burns <paramref name="assFileName"/> with libass. The script is named relative to the working directory (the
    /// scratch folder) so its path needs no filter escaping; fonts come from fontconfig.
    /// </summary>
    public static string Burn(string input, string output, string assFileName, VideoEncoding? encoding, bool hasAudio)
    {
        if (assFileName.IndexOfAny(['/', '\'', ':', '\\', ',', ';', '[', ']', ' ']) >= 0)
        {
            throw new ArgumentException("the ASS file is named plainly inside the working directory", nameof(assFileName));
        }

        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument($"-map 0:v:0{(hasAudio ? " -map 0:a:0" : "")} -vf \"ass={assFileName}\"")
                .WithCustomArgument(RenderEncoding.Arguments(encoding, hasAudio).Replace("-c:a aac -b:a 192k", "-c:a copy", StringComparison.Ordinal)))
            .Arguments;
    }

    /// <summary>Copies video and audio and adds <paramref name="subtitles"/> (WebVTT) as a <c>mov_text</c> stream tagged <paramref name="language"/>.</summary>
    public static string Soft(string input, string subtitles, string output, string language) =>
        FFMpegArguments
            .FromFileInput(QuotedPath.Require(input, nameof(input)), verifyExists: false)
            .AddFileInput(QuotedPath.Require(subtitles, nameof(subtitles)), verifyExists: false)
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o
                .WithCustomArgument($"-map 0:v? -map 0:a? -map 1:0 -c:v copy -c:a copy -c:s mov_text -metadata:s:s:0 language={EncoderName.Require(language, nameof(language))} -movflags +faststart -f mp4"))
            .Arguments;
}
