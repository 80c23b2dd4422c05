using System.IO.Pipelines;
using Minio;
using Minio.DataModel.Args;

namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// Turns Minio's callback-style GetObject (the body stream is only valid inside the callback) into a
/// Stream the caller reads at its own pace. A bounded <see cref="Pipe"/> is used rather than a temp
/// file or MemoryStream: back-pressure keeps at most ~1 MiB in memory, nothing touches disk, and the
/// first bytes arrive before the download ends. Disposing the returned stream stops the download.
/// </summary>
internal static class MinioDownloadStream
{
    private const long PauseWriterAt = 1024 * 1024;

    public static Stream Start(IMinioClient client, GetObjectArgs args)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseWriterAt, resumeWriterThreshold: PauseWriterAt / 2));
        args = args.WithCallbackStream(async (body, token) =>
            await body.CopyToAsync(pipe.Writer, token).ConfigureAwait(false));
        _ = PumpAsync(client, args, pipe.Writer);
        return pipe.Reader.AsStream();
    }

    private static async Task PumpAsync(IMinioClient client, GetObjectArgs args, PipeWriter writer)
    {
        try
        {
            // Not tied to the opener's token: the download lives as long as the reader keeps the stream.
            await client.GetObjectAsync(args, CancellationToken.None).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Surfaces to the reader as the exception from its next ReadAsync.
            await writer.CompleteAsync(e).ConfigureAwait(false);
        }
    }
}
