using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gilgamesh.Modules.Kernel.Media.Encoders;

namespace Gilgamesh.Modules.Encode.Libraries;

/// <summary>
/// The quality profile a library is brought to (the seed's <c>quality.yaml</c>). Its <see cref="Version"/> is a
/// hash of its JSON, so an outcome recorded under one profile is never confused with another.
/// </summary>
internal sealed record EncodeProfile
{
    public string Codec { get; init; } = "hevc";
    /// <summary><c>auto</c> (NVENC when the probe and a session lease allow, else CPU), <c>cpu</c> or <c>nvenc</c>.</summary>
    public string Encoder { get; init; } = "auto";
    public int Quality { get; init; } = 26;
    public string? Speed { get; init; }
    public int? MaxHeight { get; init; }
    public int? MaxBitrateKbps { get; init; }
    public int BitDepth { get; init; } = 8;
    public int? GopFrames { get; init; }
    public AudioRules Audio { get; init; } = new();
    public SubtitleRules Subtitles { get; init; } = new();
    public Thresholds Thresholds { get; init; } = new();

    /// <summary>
    /// Quality targeting: the highest <see cref="Quality"/> value whose sample reaches this SSIM is searched per file
    /// (<see cref="Planning.QualitySearch"/>). Left out of the JSON when null, so profiles without it keep their version.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TargetSsim { get; init; }

    [JsonIgnore]
    public VideoCodec VideoCodec => VideoCodecNames.Parse(Codec);

    public EncodePreset ToPreset() => new EncodePreset(VideoCodec, Quality, MaxBitrateKbps, BitDepth, GopFrames, Speed: Speed).Validate();

    public StreamRules ToStreamRules() => new(Audio.KeepLanguages, Audio.Codec, Audio.BitrateKbps, Audio.Channels, Subtitles.Keep, MaxHeight);

    public string Version()
    {
        var json = JsonSerializer.Serialize(this, EncodeJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
    }

    /// <summary>Problems a person can fix, in words; empty when the profile is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        try { ToPreset(); ToStreamRules(); } catch (ArgumentException e) { problems.Add(e.Message); }
        if (Encoder is not ("auto" or "cpu" or "nvenc")) problems.Add("encoder must be auto, cpu or nvenc");
        if (MaxHeight is <= 0) problems.Add("maxHeight must be positive");
        if (Thresholds.MinSsim is < 0 or > 1) problems.Add("thresholds.minSsim must be within 0 and 1");
        if (TargetSsim is <= 0 or > 1) problems.Add("targetSsim must be above 0 and at most 1");
        return problems;
    }
}

internal sealed record AudioRules
{
    public IReadOnlyList<string> KeepLanguages { get; init; } = [];
    public string Codec { get; init; } = "copy";
    public int? BitrateKbps { get; init; }
    public int? Channels { get; init; }
}

internal sealed record SubtitleRules
{
    public bool Keep { get; init; } = true;
}

internal sealed record Thresholds
{
    /// <summary>Lowest mean SSIM of the sampled frames an output may have and still replace the original.</summary>
    public double MinSsim { get; init; } = 0.95;
    /// <summary>Keep an output larger than the original (normally the original is kept instead).</summary>
    public bool AllowLarger { get; init; }
    public double DurationToleranceSeconds { get; init; } = 0.5;
}

internal static class EncodeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
