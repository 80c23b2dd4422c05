using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>
/// Accepts <c>Authorization: Bearer gk_...</c> or <c>X-Api-Key: gk_...</c>. A key works while it is not
/// revoked, not expired and its owner is not disabled; its role is its own (never above the owner's current role).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    UserStore users,
    AccessCache cache) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    public static string? ReadKey(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header)) return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + ApiKeyFormat.Marker, StringComparison.Ordinal) ? authorization[7..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null) return AuthenticateResult.NoResult();
        // The failure reasons stay vague on purpose, and the key itself is never logged.
        if (!ApiKeyFormat.TryParse(key, out var prefix)) return AuthenticateResult.Fail("Malformed API key");
        if (!cache.TryGetKey(prefix, out var record, out var owner))
        {
            record = (await keys.FindByPrefixAsync(prefix, Context.RequestAborted))!;
            owner = record is null ? null! : (await users.GetAsync(record.UserId, Context.RequestAborted))!;
            if (record is not null && owner is not null) cache.PutKey(record, owner);
        }
        if (record is null || !ApiKeyFormat.Matches(key, record.KeyHash)) return AuthenticateResult.Fail("Unknown API key");
        if (record.RevokedAt is not null) return AuthenticateResult.Fail("Revoked API key");
        if (record.ExpiresAt is { } expires && expires <= DateTimeOffset.UtcNow) return AuthenticateResult.Fail("Expired API key");
        if (owner is null || owner.Disabled) return AuthenticateResult.Fail("API key of a disabled user");

        var role = Roles.Rank(record.Role) <= Roles.Rank(owner.Role) ? record.Role : owner.Role;
        if (cache.ShouldTouch(record.Id)) _ = keys.TouchAsync(record.Id);
        var principal = CurrentUser.CreatePrincipal(owner, role, SchemeName, record.Id);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
