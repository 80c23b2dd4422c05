using Microsoft.Extensions.FileProviders;

namespace Gilgamesh.Modules.Kernel.Modules;

/// <summary>
/// Dashboard files a module ships as embedded resources named <c>&lt;assembly&gt;.wwwroot.&lt;module&gt;.&lt;file&gt;</c>
/// (flat, no folders). The host serves them at <c>/modules/&lt;module&gt;/</c>; a module with a <c>pages.js</c> announces
/// it in <c>GET /api/v1/modules</c> and the dashboard shell imports it and adds its routes, so a new module's pages
/// need no edit to the host.
/// </summary>
public static class ModuleAssets
{
    public const string PagesFile = "pages.js";

    public static string RequestPath(IGilgameshModule module) => $"/modules/{module.Name}";

    /// <summary>The module's files, or null when it ships none.</summary>
    public static IFileProvider? FilesOf(IGilgameshModule module)
    {
        var assembly = module.GetType().Assembly;
        var baseNamespace = $"{assembly.GetName().Name}.wwwroot.{module.Name}";
        return assembly.GetManifestResourceNames().Any(n => n.StartsWith(baseNamespace + ".", StringComparison.Ordinal))
            ? new EmbeddedFileProvider(assembly, baseNamespace)
            : null;
    }

    /// <summary>Document-relative URL of the module's <c>pages.js</c>, or null when it has no dashboard pages.</summary>
    public static string? PagesUrl(IGilgameshModule module) =>
        FilesOf(module)?.GetFileInfo(PagesFile) is { Exists: true } ? $"modules/{module.Name}/{PagesFile}" : null;
}
