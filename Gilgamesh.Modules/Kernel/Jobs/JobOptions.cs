namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>How a job is shown and whose it is; everything optional.</summary>
/// <param name="OwnerId">The user the job belongs to, when known.</param>
/// <param name="Title">A readable name for lists, the detail page and the Hangfire console, such as
/// <c>scenes + OCR · lecture.mp4</c>; the kind's key when null.</param>
/// <param name="SubjectHref">A dashboard link to what the job works on (e.g. <c>#/media/{id}</c>).</param>
/// <param name="Queue">Overrides the kind's queue.</param>
public sealed record JobOptions(string? OwnerId = null, string? Title = null, string? SubjectHref = null, string? Queue = null);
