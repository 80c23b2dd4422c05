using Gilgamesh.Modules.Analysis.Scenes;

namespace Gilgamesh.Tests.Analysis.Scenes;

public sealed class KeyframeArgumentsTests
{
    [Test]
    public void Seek_IsAnInputSeekAndOneFrame()
    {
        Assert.That(KeyframeArguments.Seek("/in/a.mp4", 12.3456, "/out/scene-0001.jpg"),
            Is.EqualTo("-y -ss 12.346 -i \"/in/a.mp4\" -frames:v 1 -q:v 3 \"/out/scene-0001.jpg\""));
    }

    [Test]
    public void Pass_FromTheStart_SelectsTheFirstFrameAtOrAfterEachTime()
    {
        Assert.That(KeyframeArguments.Pass("/in/a.mp4", [1.5, 4.25], 0, 1, "/out"),
            Is.EqualTo("-y -i \"/in/a.mp4\" -t 5.250 -map 0:v:0 -vf \"select='if(lt(t,4.250),gte(t,1.500)*not(gte(prev_t,1.500)),gte(t,4.250)*not(gte(prev_t,4.250)))'\" -fps_mode passthrough -q:v 3 -start_number 1 \"/out/scene-%04d.jpg\""));
    }

    [Test]
    public void Pass_LaterGroup_SeeksAndCountsFromThere()
    {
        Assert.That(KeyframeArguments.Pass("/in/a.mp4", [101.5], 100.5, 1001, "/out/100%"),
            Is.EqualTo("-y -ss 100.500 -i \"/in/a.mp4\" -t 2.000 -map 0:v:0 -vf \"select='gte(t,1.000)*not(gte(prev_t,1.000))'\" -fps_mode passthrough -q:v 3 -start_number 1001 \"/out/100%%/scene-%04d.jpg\""));
    }

    [Test]
    public void Pass_ManyTimes_IsABalancedTreeThatFitsOneArgument()
    {
        // Ten hours of one-second scenes, 1,000 to a pass: well under Linux's 128 KB per argument.
        var times = Enumerable.Range(0, KeyframeArguments.MaxTimesPerPass).Select(i => 35_000.5 + i * 0.999).ToList();

        var arguments = KeyframeArguments.Pass("/in/a.mp4", times, 34_999.5, 1, "/out");

        Assert.That(arguments.Length, Is.LessThan(100_000));
        var select = arguments[(arguments.IndexOf("select='") + 8)..arguments.IndexOf("'\"")];
        var depth = 0;
        var deepest = 0;
        foreach (var c in select)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            deepest = Math.Max(deepest, depth);
        }

        Assert.That(depth, Is.Zero, "balanced");
        Assert.That(deepest, Is.LessThanOrEqualTo(2 * 11 + 3), "log2(1000) ifs deep");
    }

    [Test]
    public void Pass_RejectsNoTimesAndTooMany()
    {
        Assert.That(() => KeyframeArguments.Pass("/in/a.mp4", [], 0, 1, "/out"), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => KeyframeArguments.Pass("/in/a.mp4", new double[KeyframeArguments.MaxTimesPerPass + 1], 0, 1, "/out"), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void FileName_IsFourDigits()
    {
        Assert.That(KeyframeArguments.FileName(7), Is.EqualTo("scene-0007.jpg"));
    }
}
