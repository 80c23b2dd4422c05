using System.Security.Cryptography;

namespace Gilgamesh.Modules.Kernel.Storage;

/// <summary>
/// The HMAC key behind local signed URLs: configured (<c>Storage:SigningKey</c>) or generated once and
/// kept in &lt;DataDir&gt;/secrets/signing.key, so URLs stay valid across restarts.
/// </summary>
internal static class SigningSecret
{
    public static byte[] Load(string? configuredKey, string dataDirFullPath)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
            return System.Text.Encoding.UTF8.GetBytes(configuredKey);

        var path = Path.Combine(dataDirFullPath, "secrets", "signing.key");
        if (!File.Exists(path))
            Generate(path);
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    private static void Generate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // never world-readable, not even briefly
        using (var writer = new StreamWriter(temp, options))
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite); // umask-proof
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process generated it first; theirs wins so both sign with the same key.
            File.Delete(temp);
        }
    }
}
