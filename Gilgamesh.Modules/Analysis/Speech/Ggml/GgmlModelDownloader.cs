using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Speech.Ggml;

/// <summary>
/// Fetches one ggml file via a <c>.part</c> file renamed when complete and verified. The first response must
/// arrive within a short timeout, so an offline machine fails in seconds with the URL and the folder.
/// </summary>
internal sealed class GgmlModelDownloader(HttpClient http, TimeSpan responseTimeout)
{
    public async Task<GgmlModelSummary> PullAsync(GgmlModel model, string target, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var part = target + ".part";
        try
        {
            using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            headers.CancelAfter(responseTimeout);
            using var response = await http.GetAsync(model.Url, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            await using (var file = File.Create(part))
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
                await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            File.Delete(part);
            throw new GilgameshException(SpeechErrorCodes.ModelDownloadFailed,
                $"could not download {model.Url} ({e.GetType().Name}: {e.Message}). Offline? Fetch it by hand into {folder}:\n  {model.Url} -> {target}", 502, e);
        }
        try
        {
            var summary = GgmlModelFile.Verify(part);
            File.Move(part, target, overwrite: true);
            await log.WriteLineAsync($"  {Path.GetFileName(target)}: {summary.Bytes:N0} bytes").ConfigureAwait(false);
            return summary with { Path = target };
        }
        catch
        {
            File.Delete(part);
            throw;
        }
    }
}
