using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Kernel.Accounts;

/// <summary>Sign-in (cookie for the dashboard, API keys for programs), role policies and rate limits.</summary>
public static class AccountsRegistration
{
    public const string SmartScheme = "Gilgamesh";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string SignInRateLimit = "sign-in";
    public const string SessionCookieName = "gilgamesh.session";

    public static IServiceCollection AddGilgameshAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();
        services.AddSingleton(options);
        services.AddSingleton(configuration.GetSection(InitialAdminOptions.Section).Get<InitialAdminOptions>() ?? new InitialAdminOptions());
        services.AddHttpContextAccessor();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<CurrentUser>();
        services.AddSingleton<AccessCache>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<InitialAdmin>();
        services.AddAntiforgery(o => o.HeaderName = AntiforgeryCheck.HeaderName);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            // One scheme for everything: a request carrying an API key is judged by the key, others by the cookie.
            .AddPolicyScheme(SmartScheme, "Cookie or API key", o => o.ForwardDefaultSelector = http =>
                ApiKeyAuthenticationHandler.ReadKey(http.Request) is null ? CookieScheme : ApiKeyAuthenticationHandler.SchemeName)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = SessionCookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
                o.SlidingExpiration = true;
                o.Events = new SessionCookieEvents();
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            // Anything that names no policy still needs a signed-in caller; the endpoint test also insists every endpoint names one.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Viewer, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RateLimitRejection.WriteAsync;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => ApiPartition(http, options));
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                "sign-in:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }

    /// <summary>API calls are limited per key, else per user, else per address; pages and files are not limited here.</summary>
    private static RateLimitPartition<string> ApiPartition(HttpContext http, AccountsOptions options)
    {
        if (!http.Request.Path.StartsWithSegments("/api/v1")) return RateLimitPartition.GetNoLimiter("pages");
        var user = http.User;
        var partition = user.FindFirst(CurrentUser.KeyIdClaim)?.Value is { } key ? "key:" + key
            : user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id ? "user:" + id
            : "ip:" + http.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter(partition,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.ApiRequestsPerMinute, Window = TimeSpan.FromMinutes(1) });
    }
}
