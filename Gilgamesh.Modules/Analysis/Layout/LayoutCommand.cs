using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Analysis.Layout;

/// <summary><c>gilgamesh analyze layout &lt;video&gt; [--fps 4] [--window 1] [--threshold 1.5]</c>.</summary>
internal sealed class LayoutCommand : IAnalysisCommand
{
    public string Engine => "layout";

    public string Description => "lecture layout (slides, camera, picture-in-picture, side by side) with regions and change times";

    public async Task<object> RunAsync(string file, IReadOnlyDictionary<string, string> options, IServiceProvider services, CancellationToken ct)
    {
        var engine = new LayoutEngine(services.GetRequiredService<FrameDecoder>(), services.GetRequiredService<MediaProbe>());
        return await engine.RunAsync(file, Parse(options), null, ct).ConfigureAwait(false);
    }

    public static LayoutOptions Parse(IReadOnlyDictionary<string, string> options)
    {
        var result = new LayoutOptions();
        foreach (var (key, value) in options)
        {
            var number = AnalysisOption.Number(key, value, LayoutErrorCodes.InvalidOption);
            result = key.ToLowerInvariant() switch
            {
                "fps" => result with { SampleFps = number },
                "window" => result with { WindowSeconds = number },
                "threshold" => result with { ActivityThreshold = number },
                _ => throw new GilgameshException(LayoutErrorCodes.InvalidOption, $"unknown layout option --{key}", 400),
            };
        }
        return result;
    }
}
