namespace Gilgamesh.Modules.Analysis.Speech.Ggml;

/// <summary>Byte sizes of ggml tensor element types (per block of <c>BlockSize</c> elements), as ggml defines them.</summary>
internal static class GgmlTensorType
{
    public const int F32 = 0;
    public const int F16 = 1;

    /// <summary>Bytes of <paramref name="elements"/> elements of <paramref name="type"/>; null for a type this reader does not know.</summary>
    public static long? Bytes(int type, long elements)
    {
        (int blockBytes, int blockSize)? layout = type switch
        {
            0 => (4, 1),      // f32
            1 => (2, 1),      // f16
            2 => (18, 32),    // q4_0
            3 => (20, 32),    // q4_1
            6 => (22, 32),    // q5_0
            7 => (24, 32),    // q5_1
            8 => (34, 32),    // q8_0
            9 => (36, 32),    // q8_1
            10 => (84, 256),  // q2_K
            11 => (110, 256), // q3_K
            12 => (144, 256), // q4_K
            13 => (176, 256), // q5_K
            14 => (210, 256), // q6_K
            15 => (292, 256), // q8_K
            30 => (2, 1),     // bf16
            _ => null,
        };
        if (layout is not { } l || elements % l.blockSize != 0) return null;
        return elements / l.blockSize * l.blockBytes;
    }
}
