using Gilgamesh.Modules.Kernel.Budgets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Kernel.Models;

public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// The model client (options from section <c>Models</c>), its resilient named HTTP client, the call store and metrics,
    /// the LLM budget (the pipelines' <c>llm</c> budget when <c>IBudgets</c> is registered, else unlimited), and <c>ModelHealthCheck</c>.
    /// Needs an <c>NpgsqlDataSource</c> for the call records.
    /// </summary>
    public static IServiceCollection AddGilgameshModels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.Section));
        // The resilience pipeline owns timeouts; HttpClient's own 100 s limit would cut across it.
        services.AddHttpClient(ModelClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("models", (builder, context) =>
                ModelResilience.Configure(builder, context.ServiceProvider.GetRequiredService<IOptions<ModelOptions>>().Value));
        // The pipelines' PostgreSQL-leased llm budget where the jobs kernel is registered (the app), none otherwise.
        services.TryAddSingleton<ILlmBudget>(provider => provider.GetService<IBudgets>() is { } budgets
            ? new BudgetLlmBudget(budgets)
            : new UnlimitedLlmBudget());
        services.TryAddSingleton<ModelCallStore>();
        services.TryAddSingleton<ModelMetrics>();
        services.TryAddSingleton<IModelClient, ModelClient>();
        services.TryAddSingleton<ModelHealthCheck>();
        return services;
    }
}
