namespace Gilgamesh.Modules.Encode.Running;

/// <summary>
/// Thrown by a test's <see cref="EncodeFaults"/> to stand in for the process dying at a journal step inside one
/// test process: nothing in the encode path handles it, so files and journal stay as a kill would leave them.
/// (The real kill -9 uses <see cref="KillAfterStep"/>.)
/// </summary>
internal sealed class CrashSimulation(string step) : Exception($"simulated crash after journal step {step}");
