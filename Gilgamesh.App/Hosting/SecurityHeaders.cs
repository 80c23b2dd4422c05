namespace Gilgamesh.App.Hosting;

/// <summary>
/// Headers on every response: a Content-Security-Policy that fits the dashboard (no inline script or
/// style, same-origin API and WebSockets), no MIME sniffing, no framing, a strict referrer policy.
/// The Hangfire console and the API reference ship inline scripts, so they get a looser policy.
/// </summary>
internal static class SecurityHeaders
{
    private const string DashboardPolicy =
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    private const string ToolPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
        "script-src 'self' 'unsafe-inline'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/hangfire") || path.StartsWithSegments("/api") && !path.StartsWithSegments("/api/v1")
            ? ToolPolicy
            : DashboardPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        await next();
    });
}
