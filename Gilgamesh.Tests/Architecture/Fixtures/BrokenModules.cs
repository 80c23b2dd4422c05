using Gilgamesh.Modules.Kernel.Modules;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Deliberately broken modules: the architecture tests check that the rules catch them. They are
// abstract so module discovery never loads them into an app.

namespace Gilgamesh.Tests.Architecture.Fixtures.Alpha
{
    public abstract class AlphaModule : IGilgameshModule
    {
        public string Name => "alpha";
        public string Schema => "alpha";
        public IReadOnlyList<NavItem> Navigation => [];
        public void RegisterServices(IServiceCollection services, IConfiguration configuration) { }
        public void MapEndpoints(IEndpointRouteBuilder api) { }
        public void RegisterRecurringJobs(IRecurringJobManager recurringJobs) { }
    }

    /// <summary>An internal of Alpha, and public by mistake.</summary>
    public sealed class AlphaRepository
    {
        public int Count { get; } = 1;
    }
}

namespace Gilgamesh.Tests.Architecture.Fixtures.Beta
{
    public abstract class BetaModule : IGilgameshModule
    {
        public string Name => "beta";
        public string Schema => "beta";
        public IReadOnlyList<NavItem> Navigation => [];
        public void RegisterServices(IServiceCollection services, IConfiguration configuration) { }
        public void MapEndpoints(IEndpointRouteBuilder api) { }
        public void RegisterRecurringJobs(IRecurringJobManager recurringJobs) { }
    }

    /// <summary>Reaches into Alpha's internals: the breach the rules must report.</summary>
    internal sealed class BetaReport(Alpha.AlphaRepository alpha)
    {
        public int Total() => alpha.Count;
    }
}
