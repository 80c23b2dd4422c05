using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Kernel.Modules;

/// <summary>The modules this process runs, found by scanning assemblies for <see cref="IGilgameshModule"/>.</summary>
public sealed partial class ModuleCatalog
{
    private static readonly HashSet<string> ReservedSchemas = ["platform", "hangfire", "public", "pg_catalog", "information_schema"];

    private ModuleCatalog(IReadOnlyList<IGilgameshModule> modules) => Modules = modules;

    public IReadOnlyList<IGilgameshModule> Modules { get; }

    /// <summary>Schemas to migrate, platform first, then the modules' in name order.</summary>
    public IReadOnlyList<string> Schemas => ["platform", .. Modules.Select(m => m.Schema).Distinct()];

    public static ModuleCatalog Discover(IEnumerable<Assembly> assemblies)
    {
        // Scrutor does the scanning; internal entry types count too (publicOnly: false).
        var scanned = new ServiceCollection();
        scanned.Scan(scan => scan
            .FromAssemblies(assemblies.Distinct())
            .AddClasses(c => c.AssignableTo<IGilgameshModule>(), publicOnly: false)
            .As<IGilgameshModule>()
            .WithSingletonLifetime());

        var modules = scanned
            .Select(d => d.ImplementationType!)
            .Where(t => !t.IsAbstract)
            .Distinct()
            .Select(t => (IGilgameshModule)(Activator.CreateInstance(t, nonPublic: true)
                ?? throw new InvalidOperationException($"Module {t} needs a parameterless constructor")))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

        foreach (var module in modules)
        {
            if (!ModuleName().IsMatch(module.Name))
                throw new InvalidOperationException($"Module name '{module.Name}' must match {ModuleName()}");
            if (!SchemaName().IsMatch(module.Schema) || ReservedSchemas.Contains(module.Schema))
                throw new InvalidOperationException($"Module '{module.Name}' schema '{module.Schema}' is invalid or reserved");
        }
        var clash = modules.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1)
                    ?? modules.GroupBy(m => m.Schema).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InvalidOperationException($"Two modules share '{clash.Key}': {string.Join(", ", clash.Select(m => m.GetType().FullName))}");
        return new ModuleCatalog(modules);
    }

    /// <summary>
    /// Loads extra module assemblies by path (configuration <c>Gilgamesh:ModuleAssemblies</c>); their own
    /// dependencies resolve from the same folder.
    /// </summary>
    public static IEnumerable<Assembly> LoadExtraAssemblies(IEnumerable<string> paths)
    {
        foreach (var path in paths.Select(Path.GetFullPath))
        {
            var folder = Path.GetDirectoryName(path)!;
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                var candidate = Path.Combine(folder, name.Name + ".dll");
                return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
            };
            var loaded = AppDomain.CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => !a.IsDynamic && string.Equals(a.Location, path, StringComparison.Ordinal));
            yield return loaded ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,30}$")]
    private static partial Regex ModuleName();

    [GeneratedRegex("^[a-z][a-z0-9_]{1,30}$")]
    private static partial Regex SchemaName();
}
