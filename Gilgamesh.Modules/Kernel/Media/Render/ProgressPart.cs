namespace Gilgamesh.Modules.Kernel.Media.Render;

/// <summary>
/// A slice <c>[from, to]</c> of a parent's 0–1 progress: a step reports 0–1 and the parent sees its share.
/// The kit's multi-step operations (smart cut: edges, copy, audio, mux) report through these.
/// </summary>
internal sealed class ProgressPart(IProgress<double>? parent, double from, double to) : IProgress<double>
{
    public void Report(double value) => parent?.Report(from + (to - from) * Math.Clamp(value, 0, 1));

    /// <summary>Null when there is no parent, so callers can pass it straight to a runner.</summary>
    public static IProgress<double>? Of(IProgress<double>? parent, double from, double to) =>
        parent is null ? null : new ProgressPart(parent, from, to);
}
