using Gilgamesh.Modules.Kernel.Errors;
using Gilgamesh.Modules.Kernel.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Kernel.Accounts;

public sealed record SignInRequest(string UserName, string Password);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

/// <summary>Dashboard sign-in and sign-out, who am I, password change, antiforgery token.</summary>
public static class AuthEndpoints
{
    /// <summary>Verified against when the user name is unknown, so both failures take the same time.</summary>
    private static readonly string DummyHash = new Passwords().Hash(Passwords.Generate());

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        auth.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(AccountsRegistration.SignInRateLimit);
        auth.MapPost("/sign-out", SignOutAsync).RequireAuthorization(Policies.Viewer);
        auth.MapGet("/me", (CurrentUser me, UserStore users) => MeAsync(me, users)).RequireAuthorization(Policies.Viewer);
        auth.MapPost("/password", ChangePasswordAsync).RequireAuthorization(Policies.Viewer);
        auth.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new { token = tokens.RequestToken, headerName = tokens.HeaderName });
        }).AllowAnonymous();
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, HttpContext http, UserStore users, Passwords passwords,
        SignInThrottle throttle, AuditLog audit)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var name = (request.UserName ?? "").Trim();
        if (await throttle.LockedForAsync(name) is { } wait)
        {
            await audit.WriteAsync(AuditLog.Kinds.SignInLockedOut, null, null, ip, new { userName = name });
            http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblem.Create(429, "auth.locked_out", "Too many requests", $"Too many failed sign-ins; try again in {wait} s.");
        }

        var user = await users.FindByNameAsync(name, http.RequestAborted);
        var passwordOk = passwords.Verify(user?.PasswordHash ?? DummyHash, request.Password ?? "");
        if (user is null || user.Disabled || !passwordOk)
        {
            await throttle.RecordFailureAsync(name);
            await audit.WriteAsync(AuditLog.Kinds.SignInFailed, user?.Id, null, ip, new { userName = name });
            // One message for unknown names, wrong passwords and disabled accounts: nothing to enumerate.
            return ApiProblem.Create(401, "auth.invalid_credentials", "Unauthorized", "Wrong user name or password.");
        }

        await throttle.ClearAsync(name);
        await users.TouchSignInAsync(user.Id);
        await audit.WriteAsync(AuditLog.Kinds.SignInSucceeded, user.Id, user.Id, ip);
        await http.SignInAsync(AccountsRegistration.CookieScheme, CurrentUser.CreatePrincipal(user, user.Role, AccountsRegistration.CookieScheme),
            new AuthenticationProperties { IsPersistent = true });
        return TypedResults.Ok(user.ToView());
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, CurrentUser me, AuditLog audit)
    {
        await audit.WriteAsync(AuditLog.Kinds.SignedOut, me.Id, me.Id, http.Connection.RemoteIpAddress?.ToString());
        await http.SignOutAsync(AccountsRegistration.CookieScheme);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> MeAsync(CurrentUser me, UserStore users)
    {
        var user = await users.GetAsync(me.Id);
        return user is null ? ApiProblem.Create(401, "auth.unauthenticated", "Unauthorized", "Unknown user.")
            : TypedResults.Ok(new { user = user.ToView(), effectiveRole = me.Role });
    }

    private static async Task<IResult> ChangePasswordAsync(ChangePasswordRequest request, HttpContext http, CurrentUser me, UserStore users,
        Passwords passwords, AuditLog audit, GilgameshOptions options, AccessCache cache)
    {
        var user = await users.GetAsync(me.Id, http.RequestAborted);
        if (user is null || !passwords.Verify(user.PasswordHash, request.CurrentPassword ?? ""))
            return ApiProblem.Create(400, "auth.invalid_credentials", "Bad request", "The current password is wrong.");
        if (Passwords.Problem(request.NewPassword) is { } problem)
            return ApiProblem.Create(400, "auth.weak_password", "Bad request", problem);
        await users.SetPasswordAsync(user.Id, passwords.Hash(request.NewPassword), mustChange: false);
        cache.ForgetUser(user.Id);
        await audit.WriteAsync(AuditLog.Kinds.PasswordChanged, user.Id, user.Id, http.Connection.RemoteIpAddress?.ToString());
        // The printed first password has served its purpose.
        if (user.UserName == InitialAdmin.UserNameOf(options)) InitialAdmin.ForgetPasswordFile(options);
        return TypedResults.NoContent();
    }
}
