using System.Globalization;
using System.Text;

namespace Gilgamesh.Modules.Choreography.Moves;

/// <summary>
/// Text embedding without a model: words and character 3-grams (of each word padded with spaces) are
/// hashed (FNV-1a, stable across processes and runs) into <see cref="Dimension"/> signed buckets and weighted
/// TF-IDF, the IDF fitted on the move library's texts; unit length. "hip-hop", "hip hop" and "hiphop" share
/// most of their 3-grams, so spelling variants land close. An ONNX sentence model may replace it when configured.
/// </summary>
internal sealed class TextEmbedder
{
    public const int Dimension = 256;
    private const uint WordSalt = 0x9E3779B9;

    private readonly Dictionary<uint, double> _idf;
    private readonly double _unseenIdf;

    private TextEmbedder(Dictionary<uint, double> idf, double unseenIdf)
    {
        _idf = idf;
        _unseenIdf = unseenIdf;
    }

    /// <summary>Uniform weights (no corpus yet).</summary>
    public static TextEmbedder Untrained { get; } = new([], 1);

    /// <summary>IDF = ln((1 + n) / (1 + df)) + 1, as scikit-learn's smoothed TF-IDF.</summary>
    public static TextEmbedder Fit(IEnumerable<string> corpus)
    {
        var documentFrequency = new Dictionary<uint, int>();
        var n = 0;
        foreach (var text in corpus)
        {
            n++;
            foreach (var feature in Features(text).Distinct())
            {
                documentFrequency[feature] = documentFrequency.GetValueOrDefault(feature) + 1;
            }
        }

        var idf = documentFrequency.ToDictionary(p => p.Key, p => Math.Log((1.0 + n) / (1.0 + p.Value)) + 1);
        return new TextEmbedder(idf, Math.Log(1.0 + n) + 1);
    }

    public float[] Embed(string text)
    {
        var vector = new double[Dimension];
        foreach (var group in Features(text).GroupBy(f => f))
        {
            var weight = (1 + Math.Log(group.Count())) * _idf.GetValueOrDefault(group.Key, _unseenIdf);
            var bucket = (int)(group.Key % Dimension);
            vector[bucket] += (group.Key & 0x8000_0000) == 0 ? weight : -weight;
        }

        return Vectors.Normalize(vector);
    }

    /// <summary>Hashed features: each word (salted so a word and a 3-gram never share a hash by construction) and its padded character 3-grams.</summary>
    private static IEnumerable<uint> Features(string text)
    {
        foreach (var word in Words(text))
        {
            yield return Fnv(word) ^ WordSalt;
            var padded = " " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                yield return Fnv(padded.AsSpan(i, 3));
            }
        }
    }

    public static IEnumerable<string> Words(string text)
    {
        var current = new StringBuilder();
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                yield return current.ToString();
                current.Clear();
            }
        }

        if (current.Length > 0) yield return current.ToString();
    }

    private static uint Fnv(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
