using Gilgamesh.Modules.Kernel.Jobs;

namespace Gilgamesh.Modules.Kernel.Pipelines;

/// <summary>
/// A pipeline declared in code: a parent job and its steps, each an ordinary job of a typed kind, with
/// dependencies on earlier steps (a DAG). Start it with <see cref="IJobScheduler.StartPipelineAsync"/>.
/// <code>
/// var plan = new PipelinePlan("highlights", "make");
/// var silence = plan.Step(SilenceKind, new MediaRef(id));
/// var transcript = plan.Step(TranscriptKind, new MediaRef(id), weight: 4);
/// var slides = plan.Step(SlidesKind, new MediaRef(id), optional: true);
/// plan.Step(ContentKind, new MediaRef(id), dependsOn: [silence, transcript, slides]);
/// </code>
/// </summary>
public sealed class PipelinePlan(string module, string name)
{
    private readonly List<PlannedStep> _steps = [];

    public string Module { get; } = module;
    public string Name { get; } = name;
    public IReadOnlyList<PlannedStep> Steps => _steps;

    /// <summary>Adds a step; its name defaults to the kind's name (then <c>name-2</c>, … when repeated).</summary>
    /// <param name="optional">Its failure is recorded and dependents run without its result.</param>
    /// <param name="weight">Its share of the pipeline's progress bar, relative to the other steps' weights.</param>
    public StepRef<TResult> Step<TInput, TResult>(JobKind<TInput, TResult> kind, TInput input, string? name = null,
        IEnumerable<StepRef>? dependsOn = null, bool optional = false, double weight = 1)
    {
        var stepName = name ?? UniqueName(kind.Name);
        StepName.Validate(stepName);
        if (_steps.Any(s => s.Name == stepName)) throw new ArgumentException($"Step '{stepName}' is declared twice", nameof(name));
        if (!(weight > 0) || double.IsInfinity(weight)) throw new ArgumentOutOfRangeException(nameof(weight), "A step's weight is positive.");
        var deps = (dependsOn ?? []).Select(d => d.Name).Distinct().ToList();
        // Declared in order, so a dependency on an undeclared step would be a cycle or a typo.
        foreach (var dep in deps)
            if (_steps.All(s => s.Name != dep)) throw new ArgumentException($"Step '{stepName}' depends on '{dep}', which is not declared before it", nameof(dependsOn));
        _steps.Add(new PlannedStep(stepName, kind, input, deps, optional, weight));
        return new StepRef<TResult>(stepName);
    }

    private string UniqueName(string kindName)
    {
        if (_steps.All(s => s.Name != kindName)) return kindName;
        for (var i = 2; ; i++)
            if (_steps.All(s => s.Name != $"{kindName}-{i}")) return $"{kindName}-{i}";
    }
}

/// <summary>A step as declared; <see cref="Input"/> is serialised into its job row.</summary>
public sealed record PlannedStep(string Name, JobKind Kind, object? Input, IReadOnlyList<string> DependsOn, bool Optional, double Weight);

/// <summary>A declared step, to name as another step's dependency.</summary>
public abstract record StepRef(string Name);

/// <summary>A declared step whose result has type <typeparamref name="TResult"/>.</summary>
public sealed record StepRef<TResult>(string Name) : StepRef(Name);

/// <summary>Steps added at run time by a running step (<see cref="JobContext.FanOutAsync{TInput,TResult}"/>).</summary>
/// <param name="Name">Prefix of the new steps' names (<c>fetch[0]</c>, <c>fetch[1]</c>, …).</param>
/// <param name="MaxParallel">At most this many of them run at once.</param>
/// <param name="Feeds">Steps declared earlier (still waiting) that must also wait for all of the new ones.</param>
public sealed record FanOut(string Name, int MaxParallel, IReadOnlyList<string> Feeds, double Weight = 1, bool Optional = false);

internal static class StepName
{
    public static void Validate(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(c => char.IsControl(c)))
            throw new ArgumentException($"Step name '{name}' must be 1–100 printable characters", nameof(name));
    }
}
