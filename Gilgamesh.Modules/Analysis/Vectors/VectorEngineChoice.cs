namespace Gilgamesh.Modules.Analysis.Vectors;

internal enum VectorEngineChoice
{
    /// <summary>FAISS when the shim loads, else managed exact search (logged once).</summary>
    Auto,
    /// <summary>FAISS or an error (vectors.native_unavailable).</summary>
    Faiss,
    /// <summary>Managed exact search even when FAISS is available.</summary>
    Managed,
}
