using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Analysis.Vectors;

/// <summary>
/// Checks and L2-normalises vectors on their way into an index or a query. Cosine similarity is the inner
/// product of unit vectors, so everything stored and every query is unit length; NaN, infinities and zero
/// vectors have no direction and are refused rather than silently ranking last (or first).
/// </summary>
internal static class VectorValidation
{
    public static void NormaliseInto(ReadOnlySpan<float> vector, Span<float> destination, int dimension, string what)
    {
        if (vector.Length != dimension)
            throw new GilgameshException(ErrorCodes.VectorDimensionMismatch,
                $"{what} has {vector.Length} dimensions; the index has {dimension}.");
        double sumOfSquares = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            var x = vector[i];
            if (!float.IsFinite(x))
                throw new GilgameshException(ErrorCodes.VectorInvalidValue, $"{what} has a non-finite value ({x}) at position {i}.");
            sumOfSquares += (double)x * x;
        }
        if (sumOfSquares == 0 || !double.IsFinite(sumOfSquares))
            throw new GilgameshException(ErrorCodes.VectorInvalidValue, $"{what} has zero length, so it has no direction to compare.");
        var scale = 1.0 / Math.Sqrt(sumOfSquares);
        for (var i = 0; i < vector.Length; i++) destination[i] = (float)(vector[i] * scale);
    }
}
