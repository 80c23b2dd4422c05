using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Kernel.Jobs;

public static class JobHandlerRegistration
{
    /// <summary>Registers the handler of <paramref name="kind"/>; the executor resolves it by the kind's key.</summary>
    public static IServiceCollection AddJobHandler<THandler, TInput, TResult>(this IServiceCollection services, JobKind<TInput, TResult> kind)
        where THandler : class, IJobHandler<TInput, TResult>
    {
        services.AddScoped<THandler>();
        services.AddKeyedScoped<IJobRunner>(kind.Key, (provider, _) => new TypedJobRunner<TInput, TResult>(kind, provider.GetRequiredService<THandler>()));
        services.AddSingleton<JobKind>(kind);
        return services;
    }
}

/// <summary>A handler with its types erased, as the executor calls it: JSON input in, result object out.</summary>
internal interface IJobRunner
{
    JobKind Kind { get; }
    Task<object?> RunAsync(JsonElement input, JobContext context, CancellationToken ct);
}

internal sealed class TypedJobRunner<TInput, TResult>(JobKind<TInput, TResult> kind, IJobHandler<TInput, TResult> handler) : IJobRunner
{
    public JobKind Kind => kind;

    public async Task<object?> RunAsync(JsonElement input, JobContext context, CancellationToken ct)
    {
        var typed = input.Deserialize<TInput>(JobJson.Options)
            ?? throw new Errors.GilgameshException(Errors.ErrorCodes.InvalidRequest, $"Job {context.JobId} has no input of type {typeof(TInput).Name}", 400);
        var result = await handler.ExecuteAsync(typed, context, ct);
        return result is NoResult ? null : result;
    }
}
