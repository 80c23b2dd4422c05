using Gilgamesh.Modules.Analysis.Vectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gilgamesh.Tests.Analysis.Vectors;

/// <summary>
/// FAISS tests need the shim. The launcher builds it before tests, so a missing .so is a broken setup:
/// the tests fail (never skip) and say how to fix it.
/// </summary>
internal static class FaissTestLibrary
{
    public static VectorIndexFactory RequireFactory()
    {
        var factory = new VectorIndexFactory(NullLogger<VectorIndexFactory>.Instance);
        if (!factory.Faiss.Loaded)
            Assert.Fail($"The FAISS shim is required for this test: {factory.Faiss.Message}. Build it with: native/faiss/build.sh");
        return factory;
    }

    /// <summary>FAISS for every path (single, batch, filtered), so agreement tests exercise the shim end to end.</summary>
    public static readonly VectorIndexOptions Faiss = new() { Engine = VectorEngineChoice.Faiss, ManagedSingleAndFilteredScans = false };
    public static readonly VectorIndexOptions Managed = new() { Engine = VectorEngineChoice.Managed };

    /// <summary>"faiss" or "managed" (test cases take names: the option types are internal).</summary>
    public static VectorIndexOptions Options(string engine) => engine == "faiss" ? Faiss : Managed;
}
