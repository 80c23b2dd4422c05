namespace Gilgamesh.Tests.Support;

/// <summary>
/// The words of a generated lecture: one topic per slide (cycling through <see cref="Topics"/>), each slide a
/// title and two bullet lines, each spoken sentence built from the topic's own terms so TF-IDF and slide
/// titles have something true to find. The cue slide's sentences carry the cue phrases ("the key idea",
/// "remember", "to summarize"); every slide also asks one question.
/// </summary>
internal static class LectureScript
{
    public sealed record Topic(string Title, string First, string Second, string Third);

    public static readonly IReadOnlyList<Topic> Topics =
    [
        new("Gradient Descent", "gradient", "learning rate", "loss"),
        new("Neural Networks", "neuron", "activation", "layer"),
        new("Overfitting", "training data", "validation set", "regularization"),
        new("Decision Trees", "split", "leaf", "entropy"),
        new("Linear Regression", "slope", "residual", "least squares"),
        new("Convolution", "kernel", "filter", "feature map"),
        new("Backpropagation", "chain rule", "derivative", "weight"),
        new("Clustering", "centroid", "distance", "cluster"),
        new("Probability", "distribution", "sample", "variance"),
        new("Optimization", "objective", "constraint", "minimum"),
        new("Recurrent Networks", "sequence", "hidden state", "memory"),
        new("Attention", "query", "context", "softmax"),
    ];

    private static readonly string[] Plain =
    [
        "{title} is the topic of this part of the lecture.",
        "We begin with the {1} and see how it relates to the {2}.",
        "The {2} tells us how the {3} behaves.",
        "When the {1} grows the {3} changes in a predictable way.",
        "Many students find the {2} confusing at first.",
        "What happens to the {3} if we double the {2}?",
        "In practice we compute the {1} many times on real examples.",
        "A good picture of the {3} helps you reason about {title}.",
        "Notice how the {1} and the {3} move together on this slide.",
        "Engineers tune the {2} by watching the {3} on held out examples.",
    ];

    private static readonly string[] Cue =
    [
        "{title} is the topic of this part of the lecture.",
        "The key idea is that the {1} controls the {3}.",
        "Remember that the {2} must be chosen with care.",
        "The main point is that a small {2} keeps the {3} stable.",
        "What happens to the {3} if we double the {2}?",
        "To summarize the {1} and the {2} together decide the {3}.",
    ];

    public static Topic TopicOf(int slide) => Topics[slide % Topics.Count];

    /// <summary>The slide's text lines: the title, then two bullets naming its terms.</summary>
    public static IReadOnlyList<string> SlideLines(int slide)
    {
        var t = TopicOf(slide);
        return [t.Title, $"- the {t.First} and the {t.Second}", $"- how the {t.Third} responds"];
    }

    /// <summary>The <paramref name="index"/>-th sentence said on a slide (templates cycle when a slide runs long).</summary>
    public static string Sentence(int slide, int index, bool cueSlide)
    {
        var templates = cueSlide ? Cue : Plain;
        var t = TopicOf(slide);
        var text = templates[index % templates.Length]
            .Replace("{title}", index % templates.Length == 0 ? t.Title : t.Title.ToLowerInvariant(), StringComparison.Ordinal)
            .Replace("{1}", t.First, StringComparison.Ordinal)
            .Replace("{2}", t.Second, StringComparison.Ordinal)
            .Replace("{3}", t.Third, StringComparison.Ordinal);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static bool IsCueSentence(string text) =>
        text.Contains("key idea", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Remember", StringComparison.Ordinal)
        || text.StartsWith("To summarize", StringComparison.Ordinal) || text.Contains("main point", StringComparison.OrdinalIgnoreCase);
}
