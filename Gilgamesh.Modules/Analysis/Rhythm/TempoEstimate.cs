namespace Gilgamesh.Modules.Analysis.Rhythm;

/// <summary>Global tempo: <see cref="Bpm"/> with a 0–1 periodicity <see cref="Confidence"/> and the octave alternatives.</summary>
internal sealed record TempoEstimate(double Bpm, double Confidence, IReadOnlyList<TempoAlternative> Alternatives);

/// <summary>A metrical-level alternative (<c>half</c> or <c>double</c>) with its score relative to the chosen tempo.</summary>
internal sealed record TempoAlternative(string Relation, double Bpm, double RelativeStrength);
