using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// <c>analyze scenes &lt;file&gt; [--mode content|slides|mixed] [--threshold 27] [--gradual-threshold 24] [--gradual-window 1]
/// [--min-scene 0.6] [--width 160] [--fps N] [--pixel-delta 32] [--slide-threshold 0.1] [--decoders N] [--keyframes dir]</c>.
/// </summary>
internal sealed class ScenesCommand : IAnalysisCommand
{
    public string Engine => "scenes";

    public string Description => "hard and gradual scene cuts (slide changes with --mode slides, both with --mode mixed), keyframes with --keyframes <dir>";

    public async Task<object> RunAsync(string file, IReadOnlyDictionary<string, string> options, IServiceProvider services, CancellationToken ct)
    {
        var detector = new SceneDetector(
            services.GetRequiredService<FrameDecoder>(),
            services.GetRequiredService<MediaProbe>(),
            new KeyframeWriter(services.GetRequiredService<FfmpegRunner>(), services.GetRequiredService<MediaProbe>()));
        return await detector.DetectAsync(file, SceneOptions.Parse(options), cancellationToken: ct).ConfigureAwait(false);
    }
}
