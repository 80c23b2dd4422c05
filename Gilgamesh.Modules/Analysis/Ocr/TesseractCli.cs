using System.ComponentModel;
using System.Diagnostics;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Runs <c>tesseract image stdout -l LANGS --psm N tsv</c> and returns the TSV. One OpenMP thread per
/// run: the machine's cores are shared, and tesseract's own threading gains little on one page.
/// Cancellation kills the process tree at once (its output is useless half-done).
/// </summary>
internal static class TesseractCli
{
    public static async Task<string> RunTsvAsync(string imagePath, OcrOptions options, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var psi = new ProcessStartInfo(options.TesseractPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(imagePath, options)) psi.ArgumentList.Add(argument);
        psi.Environment["OMP_THREAD_LIMIT"] = "1";

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception();
        }
        catch (Win32Exception e)
        {
            throw new GilgameshException(OcrErrorCodes.TesseractMissing,
                $"tesseract could not be started ('{options.TesseractPath}'): install the Debian packages tesseract-ocr and tesseract-ocr-eng", 503, e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }

            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                if (errors.Contains("Failed loading language", StringComparison.Ordinal) || errors.Contains("Error opening data file", StringComparison.Ordinal))
                {
                    var packages = string.Join(", ", options.Languages.Split('+').Select(l => "tesseract-ocr-" + l.ToLowerInvariant().Replace('_', '-')));
                    throw new GilgameshException(OcrErrorCodes.LanguageMissing,
                        $"tesseract has no data for language '{options.Languages}': install the Debian package(s) {packages}", 422);
                }
                throw new GilgameshException(OcrErrorCodes.TesseractFailed, $"tesseract exited with code {process.ExitCode}: {Tail(errors)}", 422);
            }
            return await stdout.ConfigureAwait(false);
        }
    }

    public static IReadOnlyList<string> Arguments(string imagePath, OcrOptions options) =>
        [imagePath, "stdout", "-l", options.Languages, "--psm", options.PageSegmentationMode.ToString(System.Globalization.CultureInfo.InvariantCulture), "tsv"];

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text.Trim();
}
