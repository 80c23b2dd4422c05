using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// API calls get 401/403 problems instead of redirects; pages (the Hangfire console) redirect to the
/// dashboard's sign-in. Each request re-checks the user, so disabling someone or changing their role
/// takes effect on their open sessions at once.
/// </summary>
internal sealed class SessionCookieEvents : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApi(context.Request)) return Problem(context.HttpContext, 401, "auth.unauthenticated", "Sign in or send an API key.");
        // PathBase keeps it right behind a reverse proxy that serves the app under a sub-path.
        var request = context.Request;
        context.Response.Redirect($"{request.PathBase}/#/sign-in?return=" + Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString));
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        Problem(context.HttpContext, 403, "auth.forbidden", "Your role does not allow this.");

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var cache = services.GetRequiredService<AccessCache>();
        var id = Guid.TryParse(context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var g) ? g : Guid.Empty;
        if (!cache.TryGetUser(id, out var user))
        {
            user = (await services.GetRequiredService<UserStore>().GetAsync(id, context.HttpContext.RequestAborted))!;
            if (user is not null) cache.PutUser(user);
        }
        if (user is null || user.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccountsRegistration.CookieScheme);
            return;
        }
        // A role change or a password change (the gate's claim) made since the cookie was issued.
        if (context.Principal!.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value != user.Role
            || context.Principal.HasClaim(c => c.Type == CurrentUser.MustChangePasswordClaim) != user.MustChangePassword)
        {
            context.ReplacePrincipal(CurrentUser.CreatePrincipal(user, user.Role, AccountsRegistration.CookieScheme));
            context.ShouldRenew = true;
        }
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi")
                                                      || request.Path.StartsWithSegments("/metrics");

    private static Task Problem(HttpContext http, int status, string code, string detail) =>
        ApiProblem.Create(status, code, ApiProblem.TitleFor(status), detail).ExecuteAsync(http);
}
