namespace Gilgamesh.Modules.Kernel.Models;

/// <summary>Shortens prompts and answers for the job log (they can be pages long).</summary>
internal static class LogText
{
    public static string Truncate(string? text, int characters)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var single = text.ReplaceLineEndings(" ");
        return single.Length <= characters ? single : string.Concat(single.AsSpan(0, Math.Max(0, characters)), $"… (+{single.Length - characters} chars)");
    }
}
