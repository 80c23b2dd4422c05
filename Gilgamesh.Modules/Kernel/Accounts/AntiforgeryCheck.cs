using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// Cookie-authenticated changes must carry the antiforgery token (header <c>X-CSRF-TOKEN</c>, from
/// <c>GET /api/v1/auth/antiforgery</c>): a cookie rides along on cross-site requests, a header does not.
/// API-key requests need no token (a key never rides along by itself). Hangfire checks its own forms.
/// </summary>
public static class AntiforgeryCheck
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static IApplicationBuilder UseGilgameshAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (NeedsToken(http))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                await ApiProblem.Create(400, "auth.antiforgery_invalid", "Bad request",
                    $"Missing or invalid {HeaderName} header; fetch one from /api/v1/auth/antiforgery.").ExecuteAsync(http);
                return;
            }
        }
        await next();
    });

    private static bool NeedsToken(HttpContext http) =>
        !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
        && http.User.FindFirst(CurrentUser.AuthMethodClaim)?.Value == AccountsRegistration.CookieScheme
        && !http.Request.Path.StartsWithSegments("/hangfire");
}
