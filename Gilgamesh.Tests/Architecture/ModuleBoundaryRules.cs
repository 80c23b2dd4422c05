using System.Reflection;
using Gilgamesh.Modules.Kernel.Modules;
using NetArchTest.Rules;

namespace Gilgamesh.Tests.Architecture;

/// <summary>
/// The architecture rules as reusable checks, so the tests can prove each rule also catches a breach
/// (on deliberately broken fixture modules) and not only that production code passes.
/// </summary>
public static class ModuleBoundaryRules
{
    /// <summary>The product's module namespaces, known before they exist so Kernel/Analysis can never grow a dependency on one.</summary>
    public static readonly string[] ProductModuleNamespaces =
    [
        "Gilgamesh.Modules.Ingest", "Gilgamesh.Modules.Highlights", "Gilgamesh.Modules.Choreography", "Gilgamesh.Modules.Encode",
    ];

    /// <summary>Namespaces of modules found in the assembly (the entry type's namespace).</summary>
    public static IReadOnlyList<string> ModuleNamespaces(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => typeof(IGilgameshModule).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => t.Namespace!)
            .Distinct()
            .ToList();

    /// <summary>Types in <paramref name="layerNamespace"/> that depend on any module namespace.</summary>
    public static IReadOnlyList<string> LayerDependsOnModules(Assembly assembly, string layerNamespace, IEnumerable<string> moduleNamespaces)
    {
        var modules = moduleNamespaces.Distinct().ToArray();
        if (modules.Length == 0) return [];
        var result = Types.InAssembly(assembly).That().ResideInNamespace(layerNamespace)
            .ShouldNot().HaveDependencyOnAny(modules).GetResult();
        return result.FailingTypeNames?.ToList() ?? [];
    }

    /// <summary>
    /// Types of one module that use another module's types other than its public contract
    /// (the entry type and anything under <c>.Contracts</c>).
    /// </summary>
    public static IReadOnlyList<string> CrossModuleReaches(Assembly assembly, IReadOnlyList<string> moduleNamespaces)
    {
        var failures = new List<string>();
        foreach (var module in moduleNamespaces)
        {
            foreach (var other in moduleNamespaces.Where(o => o != module))
            {
                var internals = assembly.GetTypes()
                    .Where(t => t.Namespace is { } ns && (ns == other || ns.StartsWith(other + ".", StringComparison.Ordinal)))
                    .Where(t => !(t.Namespace!.StartsWith(other + ".Contracts", StringComparison.Ordinal)))
                    .Where(t => !typeof(IGilgameshModule).IsAssignableFrom(t))
                    .Select(t => t.FullName!.Replace('+', '/'))
                    .ToArray();
                if (internals.Length == 0) continue;
                var result = Types.InAssembly(assembly).That().ResideInNamespace(module)
                    .ShouldNot().HaveDependencyOnAny(internals).GetResult();
                failures.AddRange((result.FailingTypeNames ?? []).Select(t => $"{t} → {other}"));
            }
        }
        return failures;
    }

    /// <summary>Public types of a module other than its one entry (and its contracts).</summary>
    public static IReadOnlyList<string> ExtraPublicTypes(Assembly assembly, string moduleNamespace) =>
        assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == moduleNamespace || ns.StartsWith(moduleNamespace + ".", StringComparison.Ordinal)))
            .Where(t => t.IsPublic || t.IsNestedPublic)
            .Where(t => !typeof(IGilgameshModule).IsAssignableFrom(t))
            .Where(t => !t.Namespace!.StartsWith(moduleNamespace + ".Contracts", StringComparison.Ordinal))
            .Select(t => t.FullName!)
            .ToList();
}
