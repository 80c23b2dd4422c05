using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.Modules.Encode.Libraries;

/// <summary>
/// Library folders (and archive/output folders) must lie under <c>Encode:Roots</c>, judged on the real path
/// with every symlink resolved: a folder that is under a root by name but a symlink out of it is refused.
/// </summary>
internal sealed class FolderPolicy(EncodeOptions options, GilgameshOptions gilgamesh)
{
    public IReadOnlyList<string> Roots =>
        options.Roots.Length == 0
            ? [Path.Combine(gilgamesh.DataDirFullPath, "libraries")]
            : options.Roots.Select(r => Path.GetFullPath(r)).ToArray();

    /// <summary>The real path of <paramref name="folder"/>, or a <see cref="GilgameshException"/> (400) with a stable code.</summary>
    public string Require(string folder, string field)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Path.IsPathFullyQualified(folder))
            throw new GilgameshException(EncodeErrorCodes.LibraryInvalid, $"{field} must be an absolute path", 400);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Roots.Any(root => IsUnder(full, root)))
            throw new GilgameshException(EncodeErrorCodes.FolderOutsideRoots,
                $"{field} {full} is not under a configured root ({string.Join(", ", Roots)})", 400);
        if (!Directory.Exists(full))
            throw new GilgameshException(EncodeErrorCodes.FolderMissing, $"{field} {full} does not exist", 400);
        var real = RealPath(full);
        if (!Roots.Any(root => IsUnder(real, RealPath(root))))
            throw new GilgameshException(EncodeErrorCodes.FolderSymlinkEscape,
                $"{field} {full} leads through a symlink to {real}, outside the configured roots", 400);
        return real;
    }

    internal static bool IsUnder(string path, string root)
    {
        root = Path.TrimEndingDirectorySeparator(root);
        return path == root || path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The path with every symlink component resolved (what realpath(3) returns), for existing paths.</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new DirectoryInfo(next);
            current = info.Exists && info.LinkTarget is not null
                ? Path.TrimEndingDirectorySeparator(RealPath(info.ResolveLinkTarget(returnFinalTarget: true)!.FullName))
                : next;
        }

        return current;
    }
}
