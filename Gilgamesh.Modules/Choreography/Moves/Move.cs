namespace Gilgamesh.Modules.Choreography.Moves;

/// <summary>
/// A dance move in a user's library. <see cref="Counts"/> beats at <see cref="NativeBpm"/> make the clip;
/// <see cref="AccentOffset"/> (seconds into the clip) is where its hit lands, found from the clip's motion
/// and adjustable by the user; <see cref="ClipMediaId"/> is the ingest media item holding the clip.
/// </summary>
internal sealed record Move(
    Guid Id,
    string Name,
    string Description,
    IReadOnlyList<string> Tags,
    string Style,
    int Difficulty,
    double Energy,
    double NativeBpm,
    int Counts,
    double AccentOffset,
    bool Mirrorable,
    Guid ClipMediaId)
{
    public double ClipSeconds => Counts * 60 / NativeBpm;

    /// <summary>The text a move is found by: name, description, tags and style.</summary>
    public string SearchText => string.Join(' ', [Name, Description, Style, .. Tags]);

    /// <summary>The first rule a move breaks, or null; the API turns it into a 400 with <c>choreography.move_invalid</c>.</summary>
    public string? Problem() => this switch
    {
        { Name.Length: 0 or > 120 } => "name must be 1–120 characters",
        { Description.Length: > 2000 } => "description must be at most 2000 characters",
        { Style.Length: 0 or > 40 } => "style must be 1–40 characters",
        { Difficulty: < 1 or > 5 } => "difficulty must be 1–5",
        { Energy: < 0 or > 1 } or { Energy: double.NaN } => "energy must be 0–1",
        { NativeBpm: < 40 or > 240 } or { NativeBpm: double.NaN } => "native BPM must be 40–240",
        { Counts: < 1 or > 32 } => "counts must be 1–32",
        _ when !double.IsFinite(AccentOffset) || AccentOffset < 0 || AccentOffset > ClipSeconds => "accent offset must lie inside the clip",
        _ when Tags.Count > 20 || Tags.Any(t => t.Length is 0 or > 40) => "at most 20 tags of 1–40 characters",
        _ => null,
    };
}
