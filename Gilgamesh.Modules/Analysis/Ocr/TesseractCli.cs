using System.ComponentModel;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.Modules.Analysis.Ocr;

/// <summary>
/// Runs <c>tesseract image stdout -l LANGS --psm N tsv</c> through the kernel's helper-program runner
/// (<see cref="ExternalProcess"/>, CliWrap) and returns the TSV. One OpenMP thread per run: the machine's cores
/// are shared, and tesseract's own threading gains little on one page. Cancellation kills the process at once
/// (its output is useless half-done).
/// </summary>
internal static class TesseractCli
{
    public static async Task<string> RunTsvAsync(string imagePath, OcrOptions options, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        ExternalProcess.Result result;
        try
        {
            result = await ExternalProcess.RunAsync(options.TesseractPath, Arguments(imagePath, options), ct, Environment.CurrentDirectory,
                environment: new Dictionary<string, string?> { ["OMP_THREAD_LIMIT"] = "1" }).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new GilgameshException(OcrErrorCodes.TesseractMissing,
                $"tesseract could not be started ('{options.TesseractPath}'): install the Debian packages tesseract-ocr and tesseract-ocr-eng", 503, e);
        }

        if (result.ExitCode != 0)
        {
            var errors = result.StdErr;
            if (errors.Contains("Failed loading language", StringComparison.Ordinal) || errors.Contains("Error opening data file", StringComparison.Ordinal))
            {
                var packages = string.Join(", ", options.Languages.Split('+').Select(l => "tesseract-ocr-" + l.ToLowerInvariant().Replace('_', '-')));
                throw new GilgameshException(OcrErrorCodes.LanguageMissing,
                    $"tesseract has no data for language '{options.Languages}': install the Debian package(s) {packages}", 422);
            }
            throw new GilgameshException(OcrErrorCodes.TesseractFailed, $"tesseract exited with code {result.ExitCode}: {Tail(errors)}", 422);
        }
        return result.StdOut;
    }

    public static IReadOnlyList<string> Arguments(string imagePath, OcrOptions options) =>
        [imagePath, "stdout", "-l", options.Languages, "--psm", options.PageSegmentationMode.ToString(System.Globalization.CultureInfo.InvariantCulture), "tsv"];

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text.Trim();
}
