using System.Security.Cryptography;
using System.Text;
using Gilgamesh.Modules.Kernel.Hosting;

namespace Gilgamesh.Modules.Kernel.Jobs.Recovery;

/// <summary>
/// Who this instance is, stable across restarts (so at start it recognises its own interrupted jobs):
/// <c>Jobs:InstanceId</c>, or the machine name with a hash of the data directory.
/// </summary>
public sealed class InstanceIdentity(JobsOptions options, GilgameshOptions gilgamesh)
{
    public string Id { get; } = options.InstanceId is { Length: > 0 } configured
        ? configured
        : $"{Environment.MachineName}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(gilgamesh.DataDirFullPath)))[..8]}";
}
