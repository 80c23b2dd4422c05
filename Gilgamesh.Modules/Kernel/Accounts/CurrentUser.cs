using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// Who is calling, for endpoints and modules: the user id (owner of what they create), the effective role
/// (an API key's role, which is never above its owner's), and whether they may see everyone's work.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string AuthMethodClaim = "gilgamesh:auth";
    public const string KeyIdClaim = "gilgamesh:key";
    /// <summary>Present while the user must change their password; <see cref="PasswordChangeGate"/> reads it.</summary>
    public const string MustChangePasswordClaim = "gilgamesh:must_change_password";

    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
        ? id
        : throw new InvalidOperationException("No signed-in user");

    public string UserName => Principal.FindFirstValue(ClaimTypes.Name) ?? "";

    public string Role => Principal.FindFirstValue(ClaimTypes.Role) ?? "";

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Owner filter for queries: null for admins (they see all), else the caller's id.</summary>
    public string? OwnerFilter => IsAdmin ? null : Id.ToString();

    /// <summary>Whether the caller may see a resource owned by <paramref name="ownerId"/>.</summary>
    public bool CanSee(string? ownerId) => IsAdmin || ownerId == Id.ToString();

    public static ClaimsPrincipal CreatePrincipal(UserRecord user, string role, string scheme, Guid? keyId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, role),
            new(AuthMethodClaim, scheme),
        };
        if (keyId is { } k) claims.Add(new Claim(KeyIdClaim, k.ToString()));
        if (user.MustChangePassword) claims.Add(new Claim(MustChangePasswordClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
