using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.Modules.Ingest.Uploads;

/// <summary>
/// Where resumable uploads keep their bytes: <c>&lt;DataDir&gt;/uploads/&lt;session&gt;/data</c>, one file per session
/// that chunks are written into at their offsets (so completing needs no assembly copy). Not under
/// <c>tmp/</c>: the scratch sweeper clears that at start-up, and a session must survive a restart.
/// </summary>
internal sealed class UploadArea(GilgameshOptions options)
{
    public string Root => Path.Combine(options.DataDirFullPath, "uploads");

    public string SessionDirectory(Guid sessionId) => Path.Combine(Root, sessionId.ToString("N"));

    public string DataFile(Guid sessionId) => Path.Combine(SessionDirectory(sessionId), "data");

    public void Create(Guid sessionId)
    {
        Directory.CreateDirectory(SessionDirectory(sessionId));
        using var _ = new FileStream(DataFile(sessionId), FileMode.CreateNew, FileAccess.Write);
    }

    public void Delete(Guid sessionId)
    {
        try { Directory.Delete(SessionDirectory(sessionId), recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
