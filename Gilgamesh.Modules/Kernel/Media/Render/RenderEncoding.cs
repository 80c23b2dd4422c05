namespace Gilgamesh.Modules.Kernel.Media.Render;

/// <summary>The kit's default encode for rendered (not copied) outputs until callers pass an encoder preset.</summary>
internal static class RenderEncoding
{
    /// <summary>H.264 CRF 20 veryfast: good quality at a cost two shared cores can carry.</summary>
    public static readonly VideoEncoding Default = new("libx264", new Crf(20), "veryfast");

    /// <summary>
    /// Video and audio encoder options plus MP4 faststart: <c>-c:v … -crf … -preset … -pix_fmt yuv420p -c:a aac -b:a 192k -movflags +faststart</c>.
    /// yuv420p because compositions and burned subtitles must play everywhere.
    /// </summary>
    public static string Arguments(VideoEncoding? encoding, bool audio = true)
    {
        var e = encoding ?? Default;
        var video = $"-c:v {EncoderName.Require(e.Codec, nameof(encoding))} -crf {e.Crf} -preset {EncoderName.Require(e.Preset, nameof(encoding))} -pix_fmt yuv420p";
        return audio ? $"{video} -c:a aac -b:a 192k -movflags +faststart" : $"{video} -an -movflags +faststart";
    }
}
