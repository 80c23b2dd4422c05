namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// Progress of a job or of a slice of it, always on a 0–1 scale (shown as percent only at the edge: API and
/// dashboard). Nested work gets a <see cref="Part"/> of its caller's range, so nobody rescales by hand:
/// <code>
/// await scenes.DetectAsync(file, options, progress.Part(0, 0.6), ct);   // engine reports 0–1 → job 0–0.6
/// await speech.TranscribeAsync(file, progress.Part(0.6, 1), ct);        // engine reports 0–1 → job 0.6–1
/// </code>
/// Reports are cheap and never block; values outside 0–1 are clamped.
/// </summary>
public interface IJobProgress : IProgress<double>
{
    /// <summary>Reports this slice's progress, 0–1, and optionally names the stage now running.</summary>
    void Report(double fraction, string? stage);

    /// <summary>Starts a named stage (logged with the previous stage's duration); progress stays where it is.</summary>
    void Stage(string stage);

    /// <summary>A slice from <paramref name="from"/> to <paramref name="to"/> (0–1, within this slice).</summary>
    IJobProgress Part(double from, double to);

    /// <summary>Appends a line to the job's log (levels: debug, info, warning, error).</summary>
    void Log(string message, string level = "info");
}

/// <summary>A slice of a parent's range; reports map linearly into it.</summary>
internal sealed class JobProgressPart(IJobProgress parent, double from, double to) : IJobProgress
{
    public void Report(double value) => Report(value, null);

    public void Report(double fraction, string? stage)
    {
        if (double.IsNaN(fraction)) return;
        parent.Report(from + (to - from) * Math.Clamp(fraction, 0, 1), stage);
    }

    public void Stage(string stage) => parent.Stage(stage);

    public IJobProgress Part(double partFrom, double partTo) =>
        new JobProgressPart(this, Math.Clamp(partFrom, 0, 1), Math.Clamp(partTo, 0, 1));

    public void Log(string message, string level = "info") => parent.Log(message, level);
}
