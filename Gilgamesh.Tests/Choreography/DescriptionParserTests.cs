using Gilgamesh.Modules.Choreography.Descriptions;

namespace Gilgamesh.Tests.Choreography;

public sealed class DescriptionParserTests
{
    // description → min difficulty, max difficulty, energy, style, duration (s), tempo (BPM); -1 / null = not stated.
    private static readonly object?[][] Table =
    [
        ["an energetic beginner hip-hop routine, about two minutes, around 120 BPM", 1, 2, 0.75, "hiphop", 120.0, 120.0],
        ["A chill intermediate house piece, 90 seconds at 124bpm", 2, 4, 0.3, "house", 90.0, 124.0],
        ["advanced k-pop choreography, three-minute song", 4, 5, -1.0, "kpop", 180.0, -1.0],
        ["high-energy pop dance for a party, 1:45 long, ninety five beats per minute", -1, -1, 0.9, "pop", 105.0, 95.0],
        ["easy jazz routine, a minute and a half", 1, 2, -1.0, "jazz", 90.0, -1.0],
        ["expert breaking set, two and a half minutes, fast tempo", 5, 5, -1.0, "breaking", 150.0, 128.0],
        ["something relaxed and smooth, level 3, 100 BPM", 3, 3, 0.3, null, -1.0, 100.0],
        ["a calm contemporary piece, half a minute", -1, -1, 0.15, "contemporary", 30.0, -1.0],
        ["Hip Hop for beginners 2 min", 1, 2, -1.0, "hiphop", 120.0, -1.0],
        ["make me a dance", -1, -1, -1.0, null, -1.0, -1.0],
    ];

    private static IEnumerable<TestCaseData> Cases() => Table.Select(row => new TestCaseData(row).SetArgDisplayNames((string)row[0]!));

    [TestCaseSource(nameof(Cases))]
    public void Parse_WhenDescriptionIsInTheTable_GivesTheExpectedParameters(string description, int minDifficulty, int maxDifficulty, double energy, string? style, double seconds, double bpm)
    {
        var parsed = DescriptionParser.Parse(description);

        Assert.Multiple(() =>
        {
            Assert.That(parsed.MinDifficulty, Is.EqualTo(minDifficulty < 0 ? null : minDifficulty), "min difficulty");
            Assert.That(parsed.MaxDifficulty, Is.EqualTo(maxDifficulty < 0 ? null : maxDifficulty), "max difficulty");
            Assert.That(parsed.Energy, Is.EqualTo(energy < 0 ? null : energy), "energy");
            Assert.That(parsed.Style, Is.EqualTo(style), "style");
            Assert.That(parsed.DurationSeconds, Is.EqualTo(seconds < 0 ? null : seconds), "duration");
            Assert.That(parsed.Bpm, Is.EqualTo(bpm < 0 ? null : bpm), "tempo");
        });
    }

    [Test]
    public void Choose_WhenSongsDifferInTempoAndEnergy_PicksTheClosestAndSaysWhy()
    {
        SongCandidate[] songs =
        [
            new(Guid.Parse("00000000-0000-0000-0000-000000000001"), "slow ballad", 72, 0.3, 200),
            new(Guid.Parse("00000000-0000-0000-0000-000000000002"), "club track", 124, 0.85, 180),
            new(Guid.Parse("00000000-0000-0000-0000-000000000003"), "mid groove", 118, 0.45, 200),
        ];

        var energetic = SongChooser.Choose(songs, DescriptionParser.Parse("an energetic beginner hip-hop routine, about two minutes, around 120 BPM"));
        var relaxed = SongChooser.Choose(songs, DescriptionParser.Parse("a calm piece around 70 BPM"));

        Assert.That(energetic!.Value.Song.Name, Is.EqualTo("club track"));
        Assert.That(energetic.Value.Reason, Does.Contain("124 BPM (wanted 120)"));
        Assert.That(relaxed!.Value.Song.Name, Is.EqualTo("slow ballad"));
        Assert.That(SongChooser.Choose([], DescriptionParser.Parse("anything")), Is.Null);
    }
}
