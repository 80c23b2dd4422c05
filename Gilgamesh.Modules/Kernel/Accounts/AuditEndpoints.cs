using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Kernel.Accounts;

public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/audit", async (AuditLog audit, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await audit.ListAsync(Math.Clamp(limit ?? 200, 1, 1000), ct)))
            .WithTags("Accounts").RequireAuthorization(Policies.Admin);
}
