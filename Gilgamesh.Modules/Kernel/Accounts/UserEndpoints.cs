using Gilgamesh.Modules.Kernel.Hosting;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Kernel.Accounts;

public sealed record CreateUserRequest(string UserName, string? Email, string Role, string? Password);

public sealed record UpdateUserRequest(string? Role, bool? Disabled);

/// <summary>Administrators manage people: create, change role, disable, reset a password.</summary>
public static class UserEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        users.MapGet("", async (UserStore store, CancellationToken ct) => TypedResults.Ok((await store.ListAsync(ct)).Select(u => u.ToView())));
        users.MapPost("", CreateAsync);
        users.MapPatch("/{id:guid}", UpdateAsync);
        users.MapPost("/{id:guid}/reset-password", ResetPasswordAsync);
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest request, UserAdministration admin, CurrentUser me, HttpContext http)
    {
        var (user, password, error) = await admin.CreateAsync(request, me.Id, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        if (error is not null) return ApiProblem.From(error);
        return TypedResults.Created($"/api/v1/users/{user!.Id}", new { user = user.ToView(), password });
    }

    private static async Task<IResult> UpdateAsync(Guid id, UpdateUserRequest request, UserStore store, AuditLog audit, CurrentUser me,
        AccessCache cache, HttpContext http)
    {
        var user = await store.GetAsync(id, http.RequestAborted);
        if (user is null) return ApiProblem.NotFound("user.not_found", $"No user {id}.");
        var ip = http.Connection.RemoteIpAddress?.ToString();
        if (request.Role is { } role)
        {
            if (!Roles.IsValid(role)) return ApiProblem.Create(400, ErrorCodes.InvalidRequest, "Bad request", $"role must be one of {string.Join(", ", Roles.All)}.");
            if (id == me.Id && role != Roles.Admin) return ApiProblem.Conflict("user.last_admin", "You cannot remove your own admin role.");
            await store.SetRoleAsync(id, role);
            await audit.WriteAsync(AuditLog.Kinds.RoleChanged, id, me.Id, ip, new { from = user.Role, to = role });
        }
        if (request.Disabled is { } disabled)
        {
            if (id == me.Id && disabled) return ApiProblem.Conflict("user.last_admin", "You cannot disable yourself.");
            await store.SetDisabledAsync(id, disabled);
            await audit.WriteAsync(disabled ? AuditLog.Kinds.UserDisabled : AuditLog.Kinds.UserEnabled, id, me.Id, ip);
        }
        cache.ForgetUser(id);
        return TypedResults.Ok((await store.GetAsync(id))!.ToView());
    }

    private static async Task<IResult> ResetPasswordAsync(Guid id, UserStore store, Passwords passwords, AuditLog audit, CurrentUser me,
        AccessCache cache, GilgameshOptions options, HttpContext http)
    {
        var user = await store.GetAsync(id, http.RequestAborted);
        if (user is null) return ApiProblem.NotFound("user.not_found", $"No user {id}.");
        var password = Passwords.Generate();
        await store.SetPasswordAsync(id, passwords.Hash(password), mustChange: true);
        cache.ForgetUser(id);
        await audit.WriteAsync(AuditLog.Kinds.PasswordReset, id, me.Id, http.Connection.RemoteIpAddress?.ToString());
        // The printed first password no longer works; a stale copy in the data dir would only mislead.
        if (user.UserName == InitialAdmin.UserNameOf(options)) InitialAdmin.ForgetPasswordFile(options);
        return TypedResults.Ok(new { password });
    }
}
