using System.Globalization;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Modules.Analysis.Scenes;

/// <summary>
/// Writes one JPEG per scene at source resolution (OCR downstream needs real pixels, not the 160 px
/// analysis frames), taken from the scene's middle: far from both boundaries, so never inside a
/// dissolve. A fast input seek per image keeps this independent of file length.
/// </summary>
internal sealed class KeyframeWriter(FfmpegRunner runner)
{
    public async Task<string> WriteAsync(string input, double seconds, string directory, int sceneIndex, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var output = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"scene-{sceneIndex:0000}.jpg"));
        var arguments = string.Create(CultureInfo.InvariantCulture,
            $"-y -ss {seconds:0.000} -i {QuotedPath.Quote(input)} -frames:v 1 -q:v 3 {QuotedPath.Quote(output)}");
        await runner.RunAsync(arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        return output;
    }
}
