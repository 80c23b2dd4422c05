using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gilgamesh.Modules.Encode.Libraries;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using YamlDotNet.Core;

namespace Gilgamesh.Modules.Encode.Exchange;

/// <summary>
/// Libraries and profiles as files: <c>GET /schema</c> (the published JSON Schema), <c>GET /libraries/export?format=json|yaml</c>,
/// <c>POST /libraries/import</c> (JSON, or YAML by content type or <c>?format=yaml</c>; administrators). An invalid document is a
/// 400 <c>encode.import_invalid</c> whose <c>errors</c> list each JSON pointer and what is wrong there; nothing is created then.
/// </summary>
internal static class ExchangeEndpoints
{
    private static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/schema", () => Results.Text(LibrarySchema.Text, "application/schema+json", Encoding.UTF8))
            .RequireAuthorization(Policies.Viewer).WithName("EncodeLibrarySchema");
        api.MapGet("/libraries/export", ExportAsync).RequireAuthorization(Policies.Viewer).WithName("ExportEncodeLibraries");
        api.MapPost("/libraries/import", ImportAsync).RequireAuthorization(Policies.Admin).WithName("ImportEncodeLibraries")
            .Accepts<LibraryDocument>("application/json", [.. YamlTypes, "text/plain"]);
    }

    private static async Task<IResult> ExportAsync(string? format, LibraryStore libraries, CancellationToken ct)
    {
        var document = JsonSerializer.SerializeToNode(LibraryDocument.Of(await libraries.ListAsync(ct)), EncodeJson.Options);
        return IsYaml(format, null)
            ? Results.Text(YamlJson.Write(document), "application/yaml", Encoding.UTF8)
            : Results.Text(document!.ToJsonString(EncodeJson.Options), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, string? format, LibraryFactory factory, LibraryStore store,
        Catalog.LibraryWatcher watcher, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        JsonNode? document;
        try
        {
            document = IsYaml(format, request.ContentType) ? YamlJson.Parse(text) : JsonNode.Parse(text);
        }
        catch (Exception e) when (e is JsonException or YamlException)
        {
            return Invalid([new ImportError("", e.Message)]);
        }

        if (LibrarySchema.Validate(document) is { Count: > 0 } errors) return Invalid(errors);
        var requests = document.Deserialize<LibraryDocument>(EncodeJson.Options)!.Libraries;

        // Every library is checked (folders under the roots, profile) before any is created.
        var created = new List<Library>();
        var refused = new List<ImportError>();
        for (var i = 0; i < requests.Count; i++)
        {
            try { created.Add(factory.Create(requests[i])); }
            catch (GilgameshException e) { refused.Add(new ImportError($"/libraries/{i}", $"{e.Code}: {e.Message}")); }
        }

        if (refused.Count > 0) return Invalid(refused);
        var skipped = new List<string>();
        foreach (var library in created)
        {
            if (await store.InsertAsync(library, ct)) watcher.Watch(library);
            else skipped.Add(library.Name);
        }

        return TypedResults.Ok(new { created = created.Select(l => l.Name).Except(skipped), skipped });
    }

    private static bool IsYaml(string? format, string? contentType) =>
        string.Equals(format, "yaml", StringComparison.OrdinalIgnoreCase)
        || (contentType is { } type && YamlTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase)));

    private static ProblemHttpResult Invalid(IReadOnlyList<ImportError> errors) => TypedResults.Problem(
        detail: $"{errors.Count} problem(s): " + string.Join("; ", errors.Take(5).Select(e => $"{(e.Pointer.Length == 0 ? "/" : e.Pointer)}: {e.Message}")),
        statusCode: StatusCodes.Status400BadRequest, title: "Bad request", type: $"https://gilgamesh.local/problems/{EncodeErrorCodes.ImportInvalid}",
        extensions: new Dictionary<string, object?> { ["code"] = EncodeErrorCodes.ImportInvalid, ["errors"] = errors });
}
