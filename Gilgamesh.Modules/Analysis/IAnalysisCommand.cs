namespace Gilgamesh.Modules.Analysis;

/// <summary>
/// An analysis engine reachable as <c>./gilgamesh analyze &lt;engine&gt; &lt;file&gt; [--option value]</c>;
/// the result is printed as JSON (times in seconds). Found by scanning, like modules.
/// </summary>
public interface IAnalysisCommand
{
    /// <summary>Engine name on the command line, e.g. <c>silence</c>.</summary>
    string Engine { get; }

    string Description { get; }

    /// <summary>Runs the engine on a file; the returned object is serialised as the command's JSON output.</summary>
    Task<object> RunAsync(string file, IReadOnlyDictionary<string, string> options, IServiceProvider services, CancellationToken ct);
}
