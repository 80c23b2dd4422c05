using System.Globalization;
using System.Text.RegularExpressions;

namespace Gilgamesh.Modules.Choreography.Descriptions;

/// <summary>
/// Reads a plain-language request ("an energetic beginner hip-hop routine, about two minutes, around 120
/// BPM") into <see cref="RoutineParameters"/> locally, with word tables and a few patterns: no model needed.
/// Numbers may be digits or words ("two", "ninety", "a minute and a half"). An LLM parse may replace it when configured.
/// </summary>
internal static partial class DescriptionParser
{
    private static readonly (string[] Words, int Min, int Max)[] Difficulties =
    [
        (["absolute beginner", "first time", "never danced", "very easy"], 1, 1),
        (["beginner", "beginners", "easy", "simple", "basic", "novice", "entry level", "entry-level"], 1, 2),
        (["intermediate", "medium difficulty", "moderate difficulty"], 2, 4),
        (["advanced", "hard", "difficult", "challenging", "complex"], 4, 5),
        (["expert", "pro", "professional", "very hard", "insane"], 5, 5),
    ];

    private static readonly (string[] Words, double Energy)[] Energies =
    [
        (["explosive", "intense", "high-energy", "high energy", "hype", "powerful", "very energetic"], 0.9),
        (["energetic", "upbeat", "lively", "bouncy", "fun", "party"], 0.75),
        (["moderate energy", "medium energy", "steady"], 0.5),
        (["chill", "smooth", "relaxed", "laid-back", "laid back", "mellow", "gentle"], 0.3),
        (["calm", "slow and soft", "soft", "sleepy", "very calm"], 0.15),
    ];

    private static readonly (string[] Words, string Style)[] Styles =
    [
        (["hip-hop", "hip hop", "hiphop", "hip‑hop"], "hiphop"),
        (["house"], "house"),
        (["k-pop", "kpop", "k pop"], "kpop"),
        (["pop"], "pop"),
        (["jazz"], "jazz"),
        (["contemporary", "modern"], "contemporary"),
        (["salsa"], "salsa"),
        (["breaking", "breakdance", "break dance", "bboy", "b-boy"], "breaking"),
        (["locking"], "locking"),
        (["popping"], "popping"),
        (["afro", "afrobeats", "afrobeat"], "afro"),
    ];

    private static readonly Dictionary<string, double> NumberWords = new(StringComparer.Ordinal)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["fifteen"] = 15, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["forty-five"] = 45, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80,
        ["ninety"] = 90, ["hundred"] = 100, ["half"] = 0.5, ["couple"] = 2,
    };

    public static RoutineParameters Parse(string description)
    {
        var text = " " + Regex.Replace(description.ToLowerInvariant(), @"[^\p{L}\p{N}\.:\-‑ ]+", " ") + " ";
        int? min = null, max = null;
        foreach (var (words, low, high) in Difficulties)
        {
            if (words.Any(w => Contains(text, w))) { (min, max) = (low, high); break; }
        }

        if (LevelPattern().Match(text) is { Success: true } level)
        {
            var value = int.Parse(level.Groups["n"].Value, CultureInfo.InvariantCulture);
            (min, max) = (value, value);
        }

        double? energy = null;
        foreach (var (words, value) in Energies)
        {
            if (words.Any(w => Contains(text, w))) { energy = value; break; }
        }

        var style = Styles.FirstOrDefault(s => s.Words.Any(w => Contains(text, w))).Style;
        return new RoutineParameters(min, max, energy, style, Duration(text), Tempo(text));
    }

    private static double? Duration(string text)
    {
        if (ClockPattern().Match(text) is { Success: true } clock)
        {
            return int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) * 60 + int.Parse(clock.Groups["s"].Value, CultureInfo.InvariantCulture);
        }

        if (Contains(text, "minute and a half") || Contains(text, "minute and half")) return 90 + 60 * ((Number(Before(text, "minute and")) ?? 1) - 1);
        if (Contains(text, "half a minute") || Contains(text, "half minute")) return 30;
        if (Contains(text, "half an hour")) return 1800;
        var total = 0.0;
        var found = false;
        foreach (Match m in DurationPattern().Matches(text))
        {
            if (Number(m.Groups["n"].Value) is not { } n) continue;
            var unit = m.Groups["u"].Value;
            total += unit.StartsWith('m') ? n * 60 : unit.StartsWith('h') ? n * 3600 : n;
            found = true;
        }

        return found ? total : null;
    }

    private static double? Tempo(string text)
    {
        if (TempoPattern().Match(text) is { Success: true } m && Number(m.Groups["n"].Value) is { } bpm) return bpm;
        if (Contains(text, "fast tempo") || Contains(text, "fast song") || Contains(text, "uptempo") || Contains(text, "up-tempo")) return 128;
        if (Contains(text, "slow tempo") || Contains(text, "slow song") || Contains(text, "ballad")) return 80;
        return null;
    }

    /// <summary>Digits ("120", "1.5") or number words, including "ninety five" and "two and a half".</summary>
    private static double? Number(string words)
    {
        words = words.Trim();
        if (double.TryParse(words, NumberStyles.Float, CultureInfo.InvariantCulture, out var digits)) return digits;
        var parts = words.Replace("-", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double total = 0;
        var any = false;
        foreach (var part in parts)
        {
            if (part is "and" || (any && part is "a" or "an")) continue;
            if (!NumberWords.TryGetValue(part, out var value)) return any ? total : null;
            total = value == 100 ? Math.Max(1, total) * 100 : value == 0.5 && any ? total + 0.5 : total + value;
            any = true;
        }

        return any ? total : null;
    }

    private static string Before(string text, string phrase)
    {
        var at = text.IndexOf(phrase, StringComparison.Ordinal);
        var head = text[..Math.Max(0, at)].TrimEnd();
        var space = head.LastIndexOf(' ');
        return head[(space + 1)..];
    }

    private static bool Contains(string text, string phrase) =>
        Regex.IsMatch(text, @"(?<![\p{L}\-])" + Regex.Escape(phrase) + @"(?![\p{L}\-])");

    private const string NumberText = @"(?<n>\b\d+(?:\.\d+)?|\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|couple|and)[\s\-]?)+?)";

    [GeneratedRegex(@"(?<![\d:])(?<m>\d{1,2}):(?<s>[0-5]\d)(?![\d:])")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(NumberText + @"\s*(?<u>minutes?|mins?|seconds?|secs?|hours?|hrs?)\b")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(NumberText + @"\s*(?:bpm|beats per minute|beats a minute)")]
    private static partial Regex TempoPattern();

    [GeneratedRegex(@"(?:level|difficulty)\s*(?<n>[1-5])\b")]
    private static partial Regex LevelPattern();
}
