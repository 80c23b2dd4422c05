using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media.Render.Composition;

/// <summary>The command of a composition (pure): the layout's filter graph on the first video stream, audio kept.</summary>
internal static class CompositionArguments
{
    public static string Build(CompositionRequest request, string output, bool hasAudio)
    {
        var filter = CompositionFilter.Build(request.Canvas, request.Layout);
        return FFMpegArguments
            .FromFileInput(QuotedPath.Require(request.Input, nameof(request)), verifyExists: false, i =>
            {
                if (request.Start is { } start)
                {
                    i.WithCustomArgument($"-ss {start}");
                }
            })
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o =>
            {
                if (request.Duration is { } duration)
                {
                    o.WithCustomArgument($"-t {duration}");
                }

                o.WithCustomArgument($"-filter_complex \"{filter}\" -map \"[v]\"" + (hasAudio ? " -map 0:a:0" : ""))
                    .WithCustomArgument(RenderEncoding.Arguments(request.Encoding, hasAudio));
            })
            .Arguments;
    }
}
