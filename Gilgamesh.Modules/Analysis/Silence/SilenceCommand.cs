using Gilgamesh.Modules.Kernel.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Analysis.Silence;

/// <summary><c>analyze silence &lt;file&gt; [--threshold-db -40] [--min-silence 0.25] [--margin 0.2] [--min-speech 0.05]</c>.</summary>
internal sealed class SilenceCommand : IAnalysisCommand
{
    public string Engine => "silence";

    public string Description => "silent and speech intervals with levels (adaptive or --threshold-db)";

    public async Task<object> RunAsync(string file, IReadOnlyDictionary<string, string> options, IServiceProvider services, CancellationToken ct)
    {
        var detector = new SilenceDetector(services.GetRequiredService<PcmDecoder>(), services.GetRequiredService<MediaProbe>());
        return await detector.DetectAsync(file, SilenceOptions.Parse(options), cancellationToken: ct).ConfigureAwait(false);
    }
}
