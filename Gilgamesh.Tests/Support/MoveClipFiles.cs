using System.Collections.Concurrent;
using Gilgamesh.Modules.Choreography.Starter;
using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Support;

/// <summary>Starter-library clips rendered once per test process into <see cref="MediaGenerator.Folder"/> with the module's own argument builder.</summary>
internal static class MoveClipFiles
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Rendered = new();

    public static Task<string> RenderAsync(StarterMoveSpec spec) =>
        Rendered.GetOrAdd(spec.ToString(), _ => new Lazy<Task<string>>(async () =>
        {
            var path = Path.Combine(MediaGenerator.Folder, "move-" + Guid.NewGuid().ToString("N")[..8] + ".mp4");
            await MediaTools.Runner.RunAsync(FigureClipArguments.Build(path, spec), new FfmpegRunOptions());
            return path;
        })).Value;
}
