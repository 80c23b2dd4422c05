using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Kernel.Modules;

/// <summary>
/// The one public entry of a feature module. The host finds every implementation by scanning
/// (Scrutor), so adding a module never edits the host.
/// </summary>
public interface IGilgameshModule
{
    /// <summary>Short lowercase name; endpoints live under <c>/api/v1/{Name}</c>.</summary>
    string Name { get; }

    /// <summary>The PostgreSQL schema the module owns; its migrations are <c>migrations/{Schema}/NNNN_*.sql</c>.</summary>
    string Schema { get; }

    void RegisterServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's endpoints on a group already rooted at <c>/api/v1/{Name}</c>.</summary>
    void MapEndpoints(IEndpointRouteBuilder api);

    void RegisterRecurringJobs(IRecurringJobManager recurringJobs);

    IReadOnlyList<NavItem> Navigation { get; }
}

/// <summary>A dashboard navigation entry a module contributes.</summary>
/// <param name="Title">Text shown in the navigation bar.</param>
/// <param name="Path">Dashboard route (hash path such as <c>#/highlights</c>).</param>
/// <param name="Order">Sort key; lower first.</param>
public sealed record NavItem(string Title, string Path, int Order = 100);
