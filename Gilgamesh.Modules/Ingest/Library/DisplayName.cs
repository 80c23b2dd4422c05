using System.Text;

namespace Gilgamesh.Modules.Ingest.Library;

/// <summary>
/// A name a person gave a file, made safe to show: no directories, no control characters, bounded length.
/// It is never used as a path; storage keys are generated from ids.
/// </summary>
internal static class DisplayName
{
    public const int MaxLength = 200;

    public static string Sanitise(string? name)
    {
        var text = (name ?? "").Replace('\\', '/');
        text = text[(text.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
            if (!char.IsControl(c) && c is not ('\u202E' or '\u202D' or '\u2066' or '\u2067' or '\u2068' or '\u2069'))
                builder.Append(c);
        var clean = builder.ToString().Trim().Trim('.').Trim();
        if (clean.Length > MaxLength) clean = clean[..MaxLength].TrimEnd();
        return clean.Length == 0 ? "untitled" : clean;
    }
}
