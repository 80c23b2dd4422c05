using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Database.Embedded;

/// <summary>Where the PostgreSQL server programs (initdb, pg_ctl) live on this machine.</summary>
internal sealed record PostgresBinaries(string BinDir)
{
    public string InitDb => Path.Combine(BinDir, "initdb");
    public string PgCtl => Path.Combine(BinDir, "pg_ctl");

    /// <summary>Configured folder, else PATH (following links to the real folder), else the newest /usr/lib/postgresql/&lt;ver&gt;/bin.</summary>
    public static PostgresBinaries Locate(string? configuredBinDir)
    {
        if (!string.IsNullOrWhiteSpace(configuredBinDir))
        {
            return File.Exists(Path.Combine(configuredBinDir, "pg_ctl"))
                ? new PostgresBinaries(configuredBinDir)
                : throw Missing($"Database:EmbeddedBinDir '{configuredBinDir}' has no pg_ctl.");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var pgCtl = Path.Combine(dir, "pg_ctl");
            if (!File.Exists(pgCtl)) continue;
            // Debian puts symlinks in /usr/local/bin or wrappers in /usr/bin; initdb must sit beside the real pg_ctl.
            var real = new FileInfo(pgCtl).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl;
            var realDir = Path.GetDirectoryName(real)!;
            if (File.Exists(Path.Combine(realDir, "initdb"))) return new PostgresBinaries(realDir);
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "pg_ctl")))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (newest.Dir is not null) return new PostgresBinaries(newest.Dir);
        }

        throw Missing("No PostgreSQL server programs (initdb, pg_ctl) on PATH or under /usr/lib/postgresql.");
    }

    private static GilgameshException Missing(string detail) => new(
        ErrorCodes.DatabaseUnavailable,
        $"{detail} Install the Debian package 'postgresql' (apt-get install postgresql), " +
        "or set ConnectionStrings:Postgres to use an external server.",
        503);
}
