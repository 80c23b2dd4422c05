using Gilgamesh.Modules.Kernel.Media;

namespace Gilgamesh.Tests.Kernel.Media;

public class StderrTailTests
{
    [Test]
    public void Tail_WhenMoreThanTwentyLines_KeepsTheLastTwenty()
    {
        var tail = new StderrTail();
        for (var i = 1; i <= 50; i++)
        {
            tail.Add($"line {i}");
        }

        var lines = tail.ToString().Split('\n');

        Assert.That(lines, Has.Length.EqualTo(StderrTail.MaxLines));
        Assert.That((lines[0], lines[^1]), Is.EqualTo(("line 31", "line 50")));
    }

    [Test]
    public void Tail_WhenLinesAreLong_StaysWithinFourKilobytes()
    {
        var tail = new StderrTail();
        for (var i = 0; i < 10; i++)
        {
            tail.Add(new string((char)('a' + i), 1000));
        }

        Assert.That(tail.ToString().Replace("\n", ""), Has.Length.LessThanOrEqualTo(StderrTail.MaxChars).And.EndsWith("jjj"));
    }
}
