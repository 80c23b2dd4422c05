namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// Copies a file under a temporary name in the target's folder, flushes it to disk, proves the copy's SHA-256,
/// then renames it into place (a rename within one folder is atomic). Never a rename across folders: that is
/// the "move and hope" that loses both files when the filesystems differ.
/// </summary>
internal static class VerifiedCopy
{
    public const string PartialSuffix = ".gilgamesh-partial";

    public static async Task CopyAsync(string source, string target, string expectedSha256, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + PartialSuffix;
        await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        {
            await input.CopyToAsync(output, ct);
            await output.FlushAsync(ct);
            output.Flush(flushToDisk: true);
        }

        var copied = await Catalog.Fingerprint.FullAsync(partial, ct);
        if (copied != expectedSha256)
        {
            File.Delete(partial);
            throw new IOException($"copy of {Path.GetFileName(source)} to {Path.GetDirectoryName(target)} does not match its hash");
        }

        File.Move(partial, target, overwrite: true);
        FlushDirectory(Path.GetDirectoryName(target)!);
    }

    /// <summary>fsync of a file already written (the encoder's output before it is hashed).</summary>
    public static void FlushFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    // A rename is durable only once the folder's entry is on disk: POSIX wants an fsync of the folder itself,
    // which .NET has no API for (FileStream cannot open a directory).
    private static void FlushDirectory(string folder)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(folder, 0);
        if (fd < 0) return;
        // Best effort on purpose: a folder whose entry cannot be flushed is still verified by hash afterwards.
        try { _ = Fsync(fd); } finally { _ = Close(fd); }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int flags);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
