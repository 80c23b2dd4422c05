using System.Diagnostics;

namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// Fault points of the encode path: before the encoder runs, after it wrote its output, and after each journal step is
/// committed. The default does nothing. <c>Encode:Faults:KillAfterStep</c>
/// (tests only) makes the process SIGKILL itself there, which is what a power cut or kill -9 leaves behind.
/// </summary>
internal class EncodeFaults
{
    public virtual void BeforeEncode(string output)
    {
    }

    public virtual void AfterEncode(string output)
    {
    }

    public virtual void After(string step)
    {
    }
}

internal sealed class KillAfterStep(string step) : EncodeFaults
{
    public override void After(string reached)
    {
        if (reached == step) Process.GetCurrentProcess().Kill();
    }
}
