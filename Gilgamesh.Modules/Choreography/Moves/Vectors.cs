namespace Gilgamesh.Modules.Choreography.Moves;

/// <summary>Small vector arithmetic the embeddings share.</summary>
internal static class Vectors
{
    public static float[] Normalize(ReadOnlySpan<double> values)
    {
        var norm = 0.0;
        foreach (var v in values) norm += v * v;
        norm = Math.Sqrt(norm);
        var result = new float[values.Length];
        if (norm == 0) return result;
        for (var i = 0; i < values.Length; i++) result[i] = (float)(values[i] / norm);
        return result;
    }

    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = (double)a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
