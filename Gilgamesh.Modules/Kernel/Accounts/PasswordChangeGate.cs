using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// A user who must change their password (a generated first password, an administrator's reset) may call
/// only sign-in, sign-out, <c>me</c>, the password change and the antiforgery token until they do — through
/// the API as well as the dashboard, with a cookie or with an API key. Everything else answers 403
/// <c>auth.password_change_required</c>.
/// </summary>
public static class PasswordChangeGate
{
    public const string Code = "auth.password_change_required";

    private static readonly PathString[] Allowed =
    [
        "/api/v1/auth/sign-in", "/api/v1/auth/sign-out", "/api/v1/auth/me", "/api/v1/auth/password", "/api/v1/auth/antiforgery",
    ];

    public static IApplicationBuilder UseGilgameshPasswordChangeGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (MustChangeFirst(http))
        {
            await ApiProblem.Create(403, Code, ApiProblem.TitleFor(403),
                "Change your password first (POST /api/v1/auth/password or the dashboard's Account page).").ExecuteAsync(http);
            return;
        }
        await next();
    });

    private static bool MustChangeFirst(HttpContext http)
    {
        if (!http.User.HasClaim(c => c.Type == CurrentUser.MustChangePasswordClaim)) return false;
        var path = http.Request.Path;
        var guarded = path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/metrics")
                      || path.StartsWithSegments("/hangfire");
        return guarded && !Allowed.Any(a => path.Equals(a, StringComparison.OrdinalIgnoreCase));
    }
}
