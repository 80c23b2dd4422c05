using System.Globalization;

namespace Gilgamesh.Bench;

/// <summary>
/// CPU seconds (user + system) of the app process and of the embedded PostgreSQL server (its postmaster,
/// found by the data dir on its command line, plus the postmaster's children), from /proc. Lets a
/// benchmark say where the CPU of a run went, without profilers.
/// </summary>
internal static class CpuAccounting
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static (double App, double Postgres) Sample(int appPid, string dataDir)
    {
        var stats = new List<(int Pid, int PPid, double Cpu)>();
        int? postmaster = null;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // After "pid (comm) ": state ppid ... utime is field 14, stime 15 (1-based) → index 11, 12 here.
                var ppid = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var cpu = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                stats.Add((pid, ppid, cpu));
                if (postmaster is null && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(dataDir, StringComparison.Ordinal)
                    && stat.Contains("(postgres)", StringComparison.Ordinal))
                    postmaster = pid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException) { }
        }
        var app = stats.Where(s => s.Pid == appPid).Sum(s => s.Cpu);
        var pg = postmaster is { } pm ? stats.Where(s => s.Pid == pm || s.PPid == pm).Sum(s => s.Cpu) : double.NaN;
        return (app, pg);
    }

    /// <summary>
    /// CPU seconds (user + system) of this process's children that have exited and been waited for
    /// (cutime + cstime of /proc/self/stat). A child's own reaped children (the app's ffmpeg) count too,
    /// so the difference around one <see cref="Proc.RunAsync"/> is the whole command's CPU.
    /// </summary>
    public static double ReapedChildren()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[13], CultureInfo.InvariantCulture) + double.Parse(fields[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
