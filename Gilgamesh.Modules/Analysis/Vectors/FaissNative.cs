using System.Runtime.InteropServices;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// The extern "C" functions of native/faiss/gilgamesh_faiss.cpp. The library name is resolved by
/// <see cref="FaissNativeLibrary"/> (env var, repo build output, or next to the binary). Every function
/// returns 0 or -1; after -1, <see cref="gf_last_error"/> on the same thread says why.
/// </summary>
internal static unsafe partial class FaissNative
{
    public const string LibraryName = "gilgamesh_faiss";

    /// <summary>Bumped in the .cpp whenever a signature changes, so a stale .so is refused instead of crashing.</summary>
    public const int AbiVersion = 2;

    [LibraryImport(LibraryName)]
    public static partial int gf_abi_version();

    [LibraryImport(LibraryName)]
    public static partial nint gf_last_error();

    /// <summary>OpenBLAS's kernel set, e.g. "SkylakeX" (a static string of the library; do not free).</summary>
    [LibraryImport(LibraryName)]
    public static partial nint gf_blas_core();

    [LibraryImport(LibraryName)]
    public static partial int gf_flat_create(int dim, float* vectors, long n, out nint handle);

    [LibraryImport(LibraryName)]
    public static partial int gf_hnsw_create(int dim, int m, int efConstruction, float* vectors, long n, out nint handle);

    [LibraryImport(LibraryName)]
    public static partial int gf_ivf_create(int dim, int nlist, float* vectors, long n, out nint handle);

    [LibraryImport(LibraryName)]
    public static partial void gf_index_free(nint handle);

    [LibraryImport(LibraryName)]
    public static partial int gf_search(nint handle, float* queries, long nq, int k, int effort, float* distances, long* rows);

    [LibraryImport(LibraryName)]
    public static partial int gf_flat_search_one(nint handle, float* query, int k, float* distances, long* rows);

    [LibraryImport(LibraryName)]
    public static partial int gf_flat_search_batch(nint handle, float* queries, long nq, int k, float* distances, long* rows);

    [LibraryImport(LibraryName)]
    public static partial int gf_flat_search_rows(nint handle, float* queries, long nq, long* subset, long subsetCount, int k, float* distances, long* rows);

    /// <summary>Throws the shim's error message as vectors.native_failed when <paramref name="status"/> is not 0.</summary>
    public static void Check(int status, string operation)
    {
        if (status == 0) return;
        var message = Marshal.PtrToStringUTF8(gf_last_error()) ?? "no message";
        throw new Kernel.Errors.GilgameshException(Kernel.Errors.ErrorCodes.VectorNativeFailed, $"FAISS {operation} failed: {message}", 500);
    }
}
