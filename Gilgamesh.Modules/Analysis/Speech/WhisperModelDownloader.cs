using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Fetches an export's files into its folder (each via a <c>.part</c> file, renamed when complete). The
/// first response must arrive within a short timeout, so an offline machine fails in seconds with the
/// URLs to fetch by hand and the folder to put them in.
/// </summary>
internal sealed class WhisperModelDownloader(HttpClient http, TimeSpan responseTimeout)
{
    public async Task PullAsync(WhisperExport export, string folder, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var (remote, local, required) in WhisperExport.Files)
        {
            var target = Path.Combine(folder, local);
            if (File.Exists(target))
            {
                await log.WriteLineAsync($"  {local}: present").ConfigureAwait(false);
                continue;
            }
            var url = export.Url(remote);
            try
            {
                using var headers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                headers.CancelAfter(responseTimeout);
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
                if (!required && response.StatusCode == System.Net.HttpStatusCode.NotFound) continue;
                response.EnsureSuccessStatusCode();
                var part = target + ".part";
                await using (var file = File.Create(part))
                await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
                    await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                File.Move(part, target, overwrite: true);
                await log.WriteLineAsync($"  {local}: {new FileInfo(target).Length:N0} bytes").ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                if (!required) continue;
                throw new GilgameshException(SpeechErrorCodes.ModelDownloadFailed,
                    $"could not download {url} ({e.GetType().Name}: {e.Message}). Offline? Fetch these files by hand into {folder}:\n"
                    + string.Join("\n", WhisperExport.Files.Select(f => $"  {export.Url(f.Remote)} -> {Path.Combine(folder, f.Local)}{(f.Required ? "" : " (optional)")}")),
                    502, e);
            }
        }
    }
}
