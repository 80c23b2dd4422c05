using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Kernel.Modules;

/// <summary>What the dashboard asks the platform: which modules run here and their navigation entries.</summary>
public static class ModuleEndpoints
{
    public static void MapModuleDirectory(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/modules").WithTags("Modules").RequireAuthorization(Accounts.Policies.Viewer);
        group.MapGet("", (ModuleCatalog catalog) => TypedResults.Ok(
            catalog.Modules.Select(m => new ModuleInfo(m.Name, m.Schema, $"/api/v1/{m.Name}", ModuleAssets.PagesUrl(m))))).WithName("ListModules");
        group.MapGet("/navigation", (ModuleCatalog catalog) => TypedResults.Ok(
            catalog.Modules
                .SelectMany(m => m.Navigation.Select(n => new NavigationEntry(n.Title, n.Path, n.Order, m.Name)))
                .Prepend(new NavigationEntry("Jobs", "#/jobs", 10, "platform"))
                .OrderBy(n => n.Order).ThenBy(n => n.Title))).WithName("GetNavigation");
    }
}

/// <param name="Pages">Document-relative URL of the module's dashboard pages script (see <see cref="ModuleAssets"/>), or null.</param>
public sealed record ModuleInfo(string Name, string Schema, string ApiBase, string? Pages);

public sealed record NavigationEntry(string Title, string Path, int Order, string Module);
