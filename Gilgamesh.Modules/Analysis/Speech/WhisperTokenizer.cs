using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gilgamesh.Modules.Analysis.Speech;

/// <summary>
/// Whisper's vocabulary as the Hugging Face export ships it: <c>vocab.json</c> (byte-level BPE token → id)
/// plus the special tokens from <c>tokenizer.json</c>'s <c>added_tokens</c> or <c>added_tokens.json</c>.
/// The prompt is built from special token ids and the previous window's context is carried as ids; the
/// only text ever encoded is a slide prompt, by greedy longest match over the vocabulary (the export need not
/// ship BPE merges; a slightly different split of a prompt word changes nothing that matters). Timestamp tokens follow <c>&lt;|notimestamps|&gt;</c> in 0.02-s steps
/// (<c>&lt;|0.00|&gt;</c> … <c>&lt;|30.00|&gt;</c>), whether or not the files list them.
/// </summary>
internal sealed class WhisperTokenizer
{
    public const double TimestampStep = 0.02;
    public const int TimestampCount = 1501;

    private readonly Dictionary<int, string> _tokens = [];
    private readonly Dictionary<string, int> _special = new(StringComparer.Ordinal);

    private WhisperTokenizer() { }

    public int EndOfText { get; private set; }
    public int StartOfTranscript { get; private set; }
    public int Transcribe { get; private set; }
    public int Translate { get; private set; }
    public int StartOfPrevious { get; private set; }
    public int StartOfLm { get; private set; }
    public int NoTimestamps { get; private set; }
    /// <summary><c>&lt;|nospeech|&gt;</c> (or its older name <c>&lt;|nocaptions|&gt;</c>); -1 when absent.</summary>
    public int NoSpeech { get; private set; } = -1;
    public int TimestampBegin { get; private set; }
    /// <summary>The lone-space token (GPT-2 "Ġ"), suppressed as a first token; -1 when absent.</summary>
    public int Blank { get; private set; } = -1;

    /// <summary>Language code → token id (<c>en</c> → <c>&lt;|en|&gt;</c>), in id order.</summary>
    public IReadOnlyDictionary<string, int> Languages { get; private set; } = new Dictionary<string, int>();

    public static WhisperTokenizer Load(string folder)
    {
        var tokenizer = new WhisperTokenizer();
        var vocabPath = Path.Combine(folder, "vocab.json");
        var tokenizerJson = Path.Combine(folder, "tokenizer.json");
        if (File.Exists(vocabPath))
        {
            using var vocab = JsonDocument.Parse(File.ReadAllBytes(vocabPath));
            foreach (var p in vocab.RootElement.EnumerateObject()) tokenizer._tokens[p.Value.GetInt32()] = p.Name;
        }
        else if (File.Exists(tokenizerJson))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(tokenizerJson));
            foreach (var p in doc.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject()) tokenizer._tokens[p.Value.GetInt32()] = p.Name;
        }
        else
        {
            throw new FileNotFoundException($"neither vocab.json nor tokenizer.json in {folder}");
        }

        if (File.Exists(tokenizerJson))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(tokenizerJson));
            if (doc.RootElement.TryGetProperty("added_tokens", out var added))
                foreach (var t in added.EnumerateArray()) tokenizer.AddSpecial(t.GetProperty("content").GetString()!, t.GetProperty("id").GetInt32());
        }
        var addedPath = Path.Combine(folder, "added_tokens.json");
        if (File.Exists(addedPath))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(addedPath));
            foreach (var p in doc.RootElement.EnumerateObject()) tokenizer.AddSpecial(p.Name, p.Value.GetInt32());
        }
        tokenizer.ResolveSpecials();
        return tokenizer;
    }

    public bool IsTimestamp(int id) => id >= TimestampBegin && id < TimestampBegin + TimestampCount;

    public double TimestampSeconds(int id) => Math.Round((id - TimestampBegin) * TimestampStep, 2);

    public int LanguageToken(string code) =>
        Languages.TryGetValue(code.ToLowerInvariant(), out var id) ? id : throw new KeyNotFoundException(code);

    public string? LanguageOf(int id) => Languages.FirstOrDefault(l => l.Value == id).Key;

    /// <summary>The text of the ordinary tokens among <paramref name="ids"/>; special and timestamp tokens are skipped.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id >= EndOfText || !_tokens.TryGetValue(id, out var token)) continue;
            foreach (var c in token)
                if (ByteLevelAlphabet.TryGetByte(c, out var b)) bytes.Add(b);
        }
        // A window can end inside a multi-byte character; the decoder's replacement char beats throwing.
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Text as ordinary token ids, longest vocabulary match first (byte-level, so every byte has a token).</summary>
    public IReadOnlyList<int> Encode(string text)
    {
        var byTokenText = _byText ??= _tokens.Where(t => t.Key < EndOfText).GroupBy(t => t.Value).ToDictionary(g => g.Key, g => g.Min(t => t.Key), StringComparer.Ordinal);
        var longest = byTokenText.Keys.Max(k => k.Length);
        var chars = new string(Encoding.UTF8.GetBytes(text).Select(ByteLevelAlphabet.ToChar).ToArray());
        var ids = new List<int>();
        for (var i = 0; i < chars.Length;)
        {
            var length = Math.Min(longest, chars.Length - i);
            while (length > 1 && !byTokenText.ContainsKey(chars.Substring(i, length))) length--;
            if (byTokenText.TryGetValue(chars.Substring(i, length), out var id)) ids.Add(id);
            i += length;
        }
        return ids;
    }

    private Dictionary<string, int>? _byText;

    /// <summary>Each token as the vocabulary writes it, special and timestamp tokens included (for logs and tests).</summary>
    public string TokenText(int id)
    {
        if (IsTimestamp(id)) return string.Create(CultureInfo.InvariantCulture, $"<|{TimestampSeconds(id):0.00}|>");
        if (_tokens.TryGetValue(id, out var token)) return token;
        return _special.FirstOrDefault(s => s.Value == id).Key ?? $"<|{id}|>";
    }

    public int? SpecialId(string content) => _special.TryGetValue(content, out var id) ? id : null;

    private void AddSpecial(string content, int id)
    {
        _special[content] = id;
        _tokens.Remove(id); // specials never decode as text
    }

    private void ResolveSpecials()
    {
        int Required(string content) => _special.TryGetValue(content, out var id) ? id : throw new InvalidDataException($"tokenizer has no {content}");
        EndOfText = Required("<|endoftext|>");
        StartOfTranscript = Required("<|startoftranscript|>");
        Transcribe = Required("<|transcribe|>");
        Translate = Required("<|translate|>");
        StartOfPrevious = Required("<|startofprev|>");
        StartOfLm = _special.GetValueOrDefault("<|startoflm|>", -1);
        NoTimestamps = Required("<|notimestamps|>");
        NoSpeech = _special.TryGetValue("<|nospeech|>", out var ns) ? ns : _special.GetValueOrDefault("<|nocaptions|>", -1);
        TimestampBegin = _special.TryGetValue("<|0.00|>", out var t0) ? t0 : NoTimestamps + 1;
        Blank = _tokens.Where(t => t.Value == "\u0120").Select(t => t.Key).DefaultIfEmpty(-1).First();
        // Language tokens sit between <|startoftranscript|> and <|translate|>: <|en|>, <|zh|>, … <|yue|>.
        Languages = _special
            .Where(s => s.Value > StartOfTranscript && s.Value < Translate && s.Key.StartsWith("<|") && s.Key.EndsWith("|>"))
            .OrderBy(s => s.Value)
            .ToDictionary(s => s.Key[2..^2], s => s.Value);
        foreach (var id in _special.Values.Where(v => v >= TimestampBegin).ToList()) _tokens.Remove(id);
    }
}
