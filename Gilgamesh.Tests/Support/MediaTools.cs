using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Tests.Support;

/// <summary>
/// The kernel media services as the app wires them (<see cref="MediaServiceCollectionExtensions.AddGilgameshMedia"/>
/// with an empty <c>Media</c> section, so ffmpeg/ffprobe come from PATH). One shared instance: they are stateless.
/// </summary>
internal static class MediaTools
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddGilgameshMedia(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    public static MediaToolLocator Locator => Services.GetRequiredService<MediaToolLocator>();
    public static MediaProbe Probe => Services.GetRequiredService<MediaProbe>();
    public static FfmpegRunner Runner => Services.GetRequiredService<FfmpegRunner>();
    public static PcmDecoder PcmDecoder => Services.GetRequiredService<PcmDecoder>();
    public static FrameDecoder FrameDecoder => Services.GetRequiredService<FrameDecoder>();
}
