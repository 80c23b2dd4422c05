using Gilgamesh.Modules.Analysis.Speech;

namespace Gilgamesh.Tests.Analysis.Speech;

public sealed class RepetitionGuardTests
{
    [TestCase(" la la la la la", " la")]
    [TestCase("Thank you. Thank you. Thank you. Thank you.", "Thank you.")]
    [TestCase("we go on and on and on and on and on", "we go on and on")]
    [TestCase("so so good", "so so good")]
    [TestCase("the cat sat on the mat", "the cat sat on the mat")]
    [TestCase("I said it is it is it is it is over", "I said it is over")]
    public void Cut_WhenAnNGramRepeatsMoreThanTwice_KeepsItOnce(string text, string expected)
    {
        var (cut, changed) = RepetitionGuard.Cut(text);

        Assert.That(cut, Is.EqualTo(expected));
        Assert.That(changed, Is.EqualTo(text != expected));
    }
}
