using System.Security.Cryptography;
using System.Text;

namespace Gilgamesh.Modules.Encode.Catalog;

/// <summary>
/// A path ffmpeg can be given. FFMpegCore quotes paths without escaping, so the kit refuses a path with a double
/// quote; a library file named <c>a "quoted" name.mkv</c> is handed to ffmpeg through a symlink in the library's
/// work folder instead (named by a hash of the path, so the same file gets the same link).
/// </summary>
internal static class MediaAlias
{
    public static string For(string path, string workFolder)
    {
        if (!path.Contains('"')) return path;
        Directory.CreateDirectory(workFolder);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..16];
        var link = Path.Combine(workFolder, $"alias-{hash}{Path.GetExtension(path).Replace("\"", "", StringComparison.Ordinal)}");
        if (File.Exists(link) || new FileInfo(link).LinkTarget is not null) File.Delete(link);
        File.CreateSymbolicLink(link, path);
        return link;
    }

    public static string WorkFolder(Libraries.Library library) => Path.Combine(library.Folders[0], ".gilgamesh-work");
}
