using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Encode.Libraries;

/// <summary><c>/api/v1/encode/libraries</c>: create (administrators only: a library rewrites files on disk), list, get.</summary>
internal static class LibraryEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/libraries", CreateAsync).RequireAuthorization(Policies.Admin).WithName("CreateEncodeLibrary");
        api.MapGet("/libraries", async (LibraryStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .RequireAuthorization(Policies.Viewer).WithName("ListEncodeLibraries");
        api.MapGet("/libraries/{id:guid}", async (Guid id, LibraryStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } library ? Results.Ok(library) : NotFound(id))
            .RequireAuthorization(Policies.Viewer).WithName("GetEncodeLibrary");
    }

    private static async Task<IResult> CreateAsync(LibraryRequest request, LibraryFactory factory, LibraryStore store, Catalog.LibraryWatcher watcher,
        CancellationToken ct)
    {
        Library library;
        try
        {
            library = factory.Create(request);
        }
        catch (GilgameshException e)
        {
            return ApiProblem.From(e);
        }

        if (!await store.InsertAsync(library, ct))
            return ApiProblem.Conflict(EncodeErrorCodes.LibraryExists, $"a library named '{library.Name}' exists");
        watcher.Watch(library);
        return TypedResults.Created($"/api/v1/encode/libraries/{library.Id}", library);
    }

    public static IResult NotFound(Guid id) => ApiProblem.NotFound(EncodeErrorCodes.LibraryNotFound, $"No encode library {id}.");
}
