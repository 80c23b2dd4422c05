using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Gilgamesh.Modules.Kernel.Hosting;

/// <summary>What a look at a scratch folder's owner lock found.</summary>
internal enum ScratchFolderState
{
    /// <summary>Its owner holds the lock: a job of a live process (this one or another on the same data dir).</summary>
    InUse,

    /// <summary>The lock file is there and nobody holds it: the owner's process ended without cleaning up.</summary>
    Abandoned,

    /// <summary>No lock to judge by (made before the lock existed, in the instant before it is taken, or on a file system that cannot lock).</summary>
    Unmarked,

    /// <summary>Removed while we looked (its owner finished).</summary>
    Gone,
}

/// <summary>
/// Tells a scratch folder in use from a crashed run's leftover by an exclusive <c>flock(2)</c> on its <c>.owner</c>
/// file, held by the owner for the folder's whole life. The kernel drops the lock when the owner's process ends, however
/// it ends (kill -9, OOM killer, a container stopped hard), so the answer is exact and immediate — no age guess. A
/// recorded process id would not do: containers sharing one data-dir volume each see themselves as pid 1 and cannot see
/// each other's processes. flock belongs to the open file, not the process, so two hosts in one process (tests) see each
/// other's folders as in use too.
/// </summary>
internal static partial class ScratchOwnerLock
{
    public const string FileName = ".owner";

    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int WouldBlock = 11; // Linux EAGAIN == EWOULDBLOCK

    /// <summary>
    /// Creates and locks <c>.owner</c> in <paramref name="folder"/>; the caller keeps the handle open until the folder is
    /// gone. Null when the file system cannot lock: the folder then stays unmarked and the sweep judges it by age.
    /// </summary>
    public static SafeFileHandle? Take(string folder)
    {
        // Locked under a temporary name and renamed after: a file named .owner is locked from the moment it has that
        // name, so a sweep can never find an unlocked .owner whose owner is still alive.
        var pending = Path.Combine(folder, $"{FileName}-{Guid.NewGuid():N}");
        var handle = File.OpenHandle(pending, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        if (flock(handle, LockExclusive | LockNonBlocking) != 0)
        {
            handle.Dispose();
            File.Delete(pending);
            return null;
        }
        // For whoever looks at a leftover by hand; the lock, not this text, is what the sweep goes by.
        RandomAccess.Write(handle, Encoding.UTF8.GetBytes($"pid {Environment.ProcessId} on {Environment.MachineName}\n"), 0);
        File.Move(pending, Path.Combine(folder, FileName));
        return handle;
    }

    public static ScratchFolderState Probe(string folder)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(Path.Combine(folder, FileName), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (FileNotFoundException)
        {
            return Directory.Exists(folder) ? ScratchFolderState.Unmarked : ScratchFolderState.Gone;
        }
        catch (DirectoryNotFoundException)
        {
            return ScratchFolderState.Gone;
        }
        catch (IOException)
        {
            // .NET takes its own advisory shared flock when opening a file on Unix; the owner's exclusive lock refuses it.
            return ScratchFolderState.InUse;
        }
        using (handle)
        {
            if (flock(handle, LockExclusive | LockNonBlocking) == 0) return ScratchFolderState.Abandoned;
            return Marshal.GetLastPInvokeError() == WouldBlock ? ScratchFolderState.InUse : ScratchFolderState.Unmarked;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(SafeFileHandle fd, int operation);
}
