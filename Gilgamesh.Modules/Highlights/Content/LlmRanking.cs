using System.Globalization;
using System.Text;
using System.Text.Json;
using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Models;

namespace Gilgamesh.Modules.Highlights.Content;

/// <summary>
/// The optional LLM analyzer: the local analyzer's best <see cref="MaxCandidates"/> candidates (text, times, local
/// reasons) go to the model client, which answers a score (0–1) and a title per candidate it ranks. Its ranking
/// replaces the local scores of those candidates (the local reasons stay, after the model's rank); candidates it
/// does not rank keep nothing to stand on and drop out. Any failure (not configured, unavailable, timeout, invalid
/// answer, an answer that ranks nothing known) returns null: the caller keeps the local result and records why.
/// </summary>
internal sealed class LlmRanking(IModelClient models)
{
    public const int MaxCandidates = 20;
    private const int MaxCharacters = 600;

    public const string Schema = """
        {
          "type": "object",
          "properties": {
            "ranking": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "candidate": { "type": "integer", "minimum": 0 },
                  "score": { "type": "number", "minimum": 0, "maximum": 1 },
                  "title": { "type": "string", "maxLength": 120 }
                },
                "required": ["candidate", "score", "title"]
              }
            }
          },
          "required": ["ranking"]
        }
        """;

    private const string System = """
        You pick the best short clips from a lecture for people who did not attend. A good clip states a key idea
        completely and makes sense on its own. Rank the numbered candidates you find worth showing, best first, with a
        score from 0 to 1 and a short title of at most eight words.
        """;

    public async Task<(IReadOnlyList<ScoredCandidate>? Ranked, string Note)> RankAsync(IReadOnlyList<ScoredCandidate> candidates, Guid? jobId, CancellationToken ct)
    {
        if (!models.IsConfigured) return (null, "no model endpoint configured (Models:Endpoint, Models:Model)");
        var offered = candidates.Take(MaxCandidates).ToList();
        if (offered.Count == 0) return (null, "no candidates to rank");
        try
        {
            var answer = await models.CompleteJsonAsync(new ModelPrompt("highlights.rank", System, Prompt(offered), jobId), Schema, ct);
            var ranked = new List<ScoredCandidate>();
            foreach (var item in answer.GetProperty("ranking").EnumerateArray())
            {
                var index = item.GetProperty("candidate").GetInt32();
                if (index < 0 || index >= offered.Count || ranked.Any(r => ReferenceEquals(r, offered[index]))) continue;
                var title = item.GetProperty("title").GetString()?.Trim();
                var local = offered[index];
                ranked.Add(local with
                {
                    Score = Math.Clamp(item.GetProperty("score").GetDouble(), 0, 1),
                    Reasons = [$"LLM rank {ranked.Count + 1}" + (string.IsNullOrEmpty(title) ? "" : $": '{title}'"), .. local.Reasons],
                    Title = string.IsNullOrEmpty(title) ? null : title,
                });
            }
            return ranked.Count == 0 ? (null, "the model ranked none of the candidates") : (ranked, $"the model ranked {ranked.Count} of {offered.Count} candidates");
        }
        catch (Exception e) when (e is GilgameshException or KeyNotFoundException or InvalidOperationException or FormatException
                                       || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return (null, $"the model call failed ({e.GetType().Name}: {e.Message})");
        }
    }

    private static string Prompt(List<ScoredCandidate> offered)
    {
        var text = new StringBuilder("Candidates:\n");
        for (var i = 0; i < offered.Count; i++)
        {
            var c = offered[i];
            var words = c.Text.Length > MaxCharacters ? c.Text[..MaxCharacters] + "…" : c.Text;
            text.Append(CultureInfo.InvariantCulture, $"[{i}] {c.Start:0.0}–{c.End:0.0} s; local reasons: {string.Join("; ", c.Reasons)}\n{words}\n\n");
        }
        return text.ToString();
    }
}
