using System.Runtime.InteropServices;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>Owns one native FAISS index; freed once, even if the owner is only finalised (cache eviction).</summary>
internal sealed class FaissIndexHandle : SafeHandle
{
    public FaissIndexHandle(nint handle) : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        FaissNative.gf_index_free(handle);
        return true;
    }
}
