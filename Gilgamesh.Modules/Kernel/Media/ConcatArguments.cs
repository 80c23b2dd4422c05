using FFMpegCore;

namespace Gilgamesh.Modules.Kernel.Media;

/// <summary>
/// Arguments that join the files listed in a concat-demuxer list (<see cref="ConcatListFile"/>) by
/// stream copy. The caller writes the list file, so this stays pure (FFMpegCore's own concat input
/// writes a temp file as a side effect). Inputs must share codecs and parameters.
/// </summary>
internal static class ConcatArguments
{
    public static string Build(string listFile, string output) =>
        FFMpegArguments
            // -safe 0: the list holds absolute paths, which the demuxer's "safe" mode refuses.
            .FromFileInput(QuotedPath.Require(listFile, nameof(listFile)), verifyExists: false, i => i.ForceFormat("concat").WithCustomArgument("-safe 0"))
            .OutputToFile(QuotedPath.Require(output, nameof(output)), overwrite: true, o => o.CopyStreams())
            .Arguments;
}
