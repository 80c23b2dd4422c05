namespace Gilgamesh.Tests.Support;

/// <summary>Finds ffmpeg processes by a fragment of their command line (e.g. an app's data dir).</summary>
public static class FfmpegProcesses
{
    public static IReadOnlyList<int> WithArgument(string fragment)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("ffmpeg") && cmdline.Contains(fragment)) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }
}
