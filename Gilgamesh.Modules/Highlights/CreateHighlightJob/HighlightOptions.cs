using System.Text.RegularExpressions;
using Gilgamesh.Modules.Analysis.Speech;
using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Highlights.CreateHighlightJob;

/// <summary>
/// A validated highlights request, stored as the job's options. <see cref="Validate"/> returns every problem
/// in words (4xx, <c>highlights.invalid_options</c>), never throws on user input.
/// </summary>
internal sealed partial record HighlightOptions(
    Guid MediaId,
    int? ClipCount,
    double? TotalSeconds,
    double MinSeconds,
    double MaxSeconds,
    string Aspect,
    string Subtitles,
    string? Language,
    string Analyzer,
    string? Captions)
{
    public static readonly IReadOnlyList<string> Aspects = ["16:9", "9:16", "1:1"];
    public static readonly IReadOnlyList<string> SubtitleModes = ["burned", "soft", "none"];
    public static readonly IReadOnlyList<string> Analyzers = ["local", "llm"];

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguageTag();

    public static (HighlightOptions? Options, IReadOnlyList<string> Problems) Validate(HighlightRequest request)
    {
        var problems = new List<string>();
        if (request.MediaId is null || request.MediaId == Guid.Empty) problems.Add("mediaId is required.");
        if (request.ClipCount is null == request.TotalSeconds is null) problems.Add("give exactly one of clipCount and totalSeconds.");
        if (request.ClipCount is < 1 or > 50) problems.Add("clipCount must be 1–50.");
        if (request.TotalSeconds is { } total && (double.IsNaN(total) || total < 5 || total > 3600)) problems.Add("totalSeconds must be 5–3600.");
        var min = request.MinSeconds ?? 20;
        var max = request.MaxSeconds ?? 90;
        if (double.IsNaN(min) || min < 3 || min > 600) problems.Add("minSeconds must be 3–600.");
        if (double.IsNaN(max) || max < min || max > 600) problems.Add("maxSeconds must be at least minSeconds and at most 600.");
        var aspect = request.Aspect ?? "9:16";
        if (!Aspects.Contains(aspect)) problems.Add("aspect must be one of 16:9, 9:16, 1:1.");
        var subtitles = request.Subtitles ?? "burned";
        if (!SubtitleModes.Contains(subtitles)) problems.Add("subtitles must be one of burned, soft, none.");
        if (request.Language is { } language && !LanguageTag().IsMatch(language)) problems.Add("language must be a tag such as 'en' or 'pt-BR'.");
        var analyzer = request.Analyzer ?? "local";
        if (!Analyzers.Contains(analyzer)) problems.Add("analyzer must be local or llm.");
        if (request.Captions is { } captions)
        {
            try
            {
                Analysis.Speech.Captions.Parse(captions, CaptionFormatOf(captions));
            }
            catch (GilgameshException e)
            {
                problems.Add("captions: " + e.Message);
            }
        }
        return problems.Count > 0
            ? (null, problems)
            : (new HighlightOptions(request.MediaId!.Value, request.ClipCount, request.TotalSeconds, min, max, aspect, subtitles, request.Language, analyzer, request.Captions), []);
    }

    public static CaptionFormat CaptionFormatOf(string text) =>
        text.TrimStart('\uFEFF').TrimStart().StartsWith("WEBVTT", StringComparison.Ordinal) ? CaptionFormat.Vtt : CaptionFormat.Srt;
}
