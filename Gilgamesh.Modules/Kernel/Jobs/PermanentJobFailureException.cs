using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// A failure that another attempt cannot fix (bad input, a file ffmpeg cannot decode). Hangfire's
/// automatic retry skips it (<c>ExceptOn</c>), so the job fails at once; a user can still retry it by hand.
/// </summary>
public sealed class PermanentJobFailureException(GilgameshException inner)
    : Exception(inner.Message, inner)
{
    public string Code => ((GilgameshException)InnerException!).Code;
}
