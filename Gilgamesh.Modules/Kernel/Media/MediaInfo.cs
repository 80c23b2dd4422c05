namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>What <see cref="MediaProbe"/> learned about a file.</summary>
/// <param name="DurationSeconds">Container duration (longest stream when the container has none).</param>
/// <param name="FormatName">ffprobe's <c>format_name</c>, e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c>.</param>
internal sealed record MediaInfo(double DurationSeconds, string FormatName, long? BitRate, IReadOnlyList<MediaStreamInfo> Streams)
{
    /// <summary>First real video stream (cover art excluded), or null for audio-only files.</summary>
    public MediaStreamInfo? PrimaryVideo => Streams.FirstOrDefault(s => s.Type == MediaStreamType.Video && !s.IsAttachedPicture);

    public MediaStreamInfo? PrimaryAudio => Streams.FirstOrDefault(s => s.Type == MediaStreamType.Audio);
}
