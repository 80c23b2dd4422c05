using System.Globalization;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>Keeps an output that must not replace anything, with a <c>.reason.txt</c> beside it saying why.</summary>
internal static class Quarantine
{
    public static string Keep(string output, string folder, string originalPath, string reason, DateTimeOffset now)
    {
        Directory.CreateDirectory(folder);
        var stamp = now.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var kept = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(originalPath)}.{stamp}{Path.GetExtension(output)}");
        if (File.Exists(output)) File.Move(output, kept, overwrite: true);
        File.WriteAllText(kept + ".reason.txt", $"{originalPath}\n{reason}\n");
        return kept;
    }
}
