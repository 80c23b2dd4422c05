namespace Gilgamesh.Modules.Encode.Running;

/// <summary>What verification found. <see cref="Failure"/> set: the output must not replace anything.
/// <see cref="Larger"/>: the output is fine but larger than the original, so the original is kept.</summary>
internal sealed record Verification(string? Failure, bool Larger, double? Ssim, long OutputBytes)
{
    public bool Passed => Failure is null && !Larger;
}
