using System.Globalization;
using System.Text.RegularExpressions;
using Gilgamesh.Modules.Kernel.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gilgamesh.App.Hosting;

/// <summary>
/// Describes the API in <c>/openapi/v1.json</c> (and so in the reference at <c>/api</c>): a summary for every operation,
/// the security schemes (API key header, bearer key, session cookie) so try-it and the generated curl carry the key, who
/// may call each operation, and the RFC 7807 problem responses with their stable codes (docs/errors.md).
/// </summary>
internal static partial class OpenApiDescriptions
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";
    public const string CookieScheme = "SessionCookie";
    private const string ProblemSchema = "Problem";

    /// <summary>"METHOD path" (route constraints removed) → summary. Operations not listed get one made from the route.</summary>
    private static readonly Dictionary<string, string> Summaries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/v1/auth/sign-in"] = "Sign in (sets the session cookie)",
        ["POST /api/v1/auth/sign-out"] = "Sign out",
        ["GET /api/v1/auth/me"] = "Who am I",
        ["POST /api/v1/auth/password"] = "Change my password",
        ["GET /api/v1/auth/antiforgery"] = "Get an antiforgery token (for cookie sessions)",
        ["GET /api/v1/users"] = "List users",
        ["POST /api/v1/users"] = "Create a user",
        ["PATCH /api/v1/users/{id}"] = "Change a user's role or disable them",
        ["POST /api/v1/users/{id}/reset-password"] = "Reset a user's password",
        ["GET /api/v1/audit"] = "Read the security audit trail",
        ["GET /api/v1/keys"] = "List API keys",
        ["POST /api/v1/keys"] = "Create an API key (shown once)",
        ["DELETE /api/v1/keys/{id}"] = "Revoke an API key",
        ["GET /api/v1/modules"] = "List the modules running here",
        ["GET /api/v1/modules/navigation"] = "Dashboard navigation entries",
        ["GET /api/v1/jobs"] = "List jobs",
        ["GET /api/v1/jobs/{id}"] = "Get a job with its log",
        ["POST /api/v1/jobs/{id}/cancel"] = "Cancel a job",
        ["POST /api/v1/jobs/{id}/retry"] = "Retry a failed or cancelled job",
        ["GET /api/v1/jobs/{id}/ws"] = "Live progress of a job (WebSocket)",
        ["GET /api/v1/jobs/{id}/events"] = "Live progress of a job (server-sent events)",
        ["POST /api/v1/jobs/selftest"] = "Start the platform self-test job",
        ["GET /api/v1/ingest/items"] = "List library items (search, kind, status, dates, paging)",
        ["GET /api/v1/ingest/items/{id}"] = "Get a library item with signed URLs",
        ["DELETE /api/v1/ingest/items/{id}"] = "Delete a library item, its files and any unfinished upload",
        ["POST /api/v1/ingest/uploads"] = "Upload a file in one request",
        ["POST /api/v1/ingest/uploads/sessions"] = "Start a resumable upload",
        ["GET /api/v1/ingest/uploads/sessions/{id}"] = "Get a resumable upload's state (missing chunks)",
        ["PUT /api/v1/ingest/uploads/sessions/{id}/chunks/{index}"] = "Send one chunk of a resumable upload",
        ["POST /api/v1/ingest/uploads/sessions/{id}/complete"] = "Complete a resumable upload",
        ["DELETE /api/v1/ingest/uploads/sessions/{id}"] = "Abort a resumable upload",
        ["POST /api/v1/ingest/process"] = "Turn URLs into library items",
        ["GET /api/v1/ingest/cache/stats"] = "URL cache statistics",
        ["DELETE /api/v1/ingest/cache"] = "Clear the URL cache",
        ["DELETE /api/v1/ingest/cache/{key}"] = "Forget one cached URL",
        ["POST /api/v1/ingest/media/{id}/analyses"] = "Start analyses of an item (scenes, OCR, transcript)",
        ["GET /api/v1/ingest/media/{id}/analyses"] = "Get an item's analyses",
        ["PUT /api/v1/ingest/media/{id}/captions"] = "Supply captions (SRT/WebVTT) as the item's transcript",
        ["GET /api/v1/ingest/media/{id}/captions"] = "Download the transcript as captions (SRT or WebVTT)",
    };

    /// <summary>Codes an operation may answer besides the common ones, by "METHOD path".</summary>
    private static readonly Dictionary<string, (int Status, string Codes)[]> ExtraProblems = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /api/v1/auth/sign-in"] = [(401, "auth.invalid_credentials"), (429, "auth.locked_out")],
        ["POST /api/v1/auth/password"] = [(400, "auth.invalid_credentials, auth.weak_password")],
        ["POST /api/v1/users"] = [(400, "auth.weak_password"), (409, "user.exists")],
        ["PATCH /api/v1/users/{id}"] = [(409, "user.last_admin")],
        ["POST /api/v1/keys"] = [(403, "auth.role_too_high")],
        ["POST /api/v1/jobs/{id}/cancel"] = [(409, "job.invalid_state")],
        ["POST /api/v1/jobs/{id}/retry"] = [(409, "job.invalid_state")],
        ["POST /api/v1/ingest/uploads"] = [(413, "request.too_large"), (422, "media.empty, media.unsupported")],
        ["POST /api/v1/ingest/uploads/sessions"] = [(413, "request.too_large"), (422, "media.empty")],
        ["PUT /api/v1/ingest/uploads/sessions/{id}/chunks/{index}"] = [(400, "upload.chunk_invalid"), (409, "upload.closed")],
        ["POST /api/v1/ingest/uploads/sessions/{id}/complete"] =
            [(409, "upload.closed, upload.incomplete"), (422, "upload.size_mismatch, upload.checksum_mismatch, media.unsupported")],
        ["DELETE /api/v1/ingest/uploads/sessions/{id}"] = [(409, "upload.closed")],
        ["POST /api/v1/ingest/process"] = [(429, "fetch.failed (queue full)")],
        ["POST /api/v1/ingest/media/{id}/analyses"] = [(409, "media.not_ready, speech.model_missing, analysis.unsupported")],
        ["PUT /api/v1/ingest/media/{id}/captions"] = [(400, "captions.invalid"), (422, "captions.beyond_duration")],
        ["GET /api/v1/ingest/media/{id}/captions"] = [(404, "captions.not_found")],
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Gilgamesh API";
            document.Info.Description =
                "Self-hosted media platform. Programs authenticate with an API key (`X-Api-Key: gk_…` or `Authorization: Bearer gk_…`), "
                + "created on the dashboard's Account page or with `POST /api/v1/keys`; the dashboard uses a session cookie plus the "
                + "`X-CSRF-TOKEN` header on changes. Errors are RFC 7807 problems with a stable `code` (see docs/errors.md). "
                + "Roles: viewer reads, editor creates and manages their own work, admin does everything.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "An API key (gk_…). A key acts as its owner, with at most the owner's role.",
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "gk_ API key",
                Description = "The same API key as a bearer token.",
            };
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = AccountsRegistration.SessionCookieName,
                Description = "The dashboard's session (POST /api/v1/auth/sign-in); changes also need the X-CSRF-TOKEN header.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 7807 problem with the stable code of docs/errors.md.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable error code, e.g. request.invalid." },
                    ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var path = "/" + RouteConstraint().Replace(description.RelativePath ?? "", "}").TrimEnd('/');
            var key = $"{description.HttpMethod?.ToUpperInvariant()} {path}";
            var metadata = description.ActionDescriptor.EndpointMetadata;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            var role = policy switch
            {
                Policies.Admin => "admin",
                Policies.Editor => "editor",
                _ => "viewer",
            };

            operation.Summary ??= Summaries.TryGetValue(key, out var summary) ? summary : Generated(description.HttpMethod, path);
            var who = anonymous ? "No sign-in needed." : $"Needs the {role} role or above (API key or session).";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? who : $"{operation.Description}\n\n{who}";

            if (!anonymous && context.Document is { } document)
            {
                operation.Security ??= [];
                foreach (var scheme in new[] { ApiKeyScheme, BearerScheme, CookieScheme })
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
            }

            operation.Responses ??= new OpenApiResponses();
            var problems = new Dictionary<int, List<string>>();
            void Add(int status, string codes)
            {
                if (!problems.TryGetValue(status, out var list)) problems[status] = list = [];
                list.Add(codes);
            }
            if (description.HttpMethod is "POST" or "PUT" or "PATCH" || description.ParameterDescriptions.Count > 0)
                Add(400, "request.invalid, request.invalid_json");
            if (!anonymous)
            {
                Add(401, "auth.unauthenticated");
                Add(403, role == "viewer" ? "auth.password_change_required" : "auth.forbidden, auth.password_change_required");
                Add(429, "request.rate_limited");
            }
            if (path.Contains("{id}", StringComparison.Ordinal)) Add(404, NotFoundCode(path));
            if (ExtraProblems.TryGetValue(key, out var extra))
                foreach (var (status, codes) in extra) Add(status, codes);
            foreach (var (status, codes) in problems.OrderBy(p => p.Key))
            {
                var name = status.ToString(CultureInfo.InvariantCulture);
                if (operation.Responses.ContainsKey(name)) continue;
                operation.Responses[name] = new OpenApiResponse
                {
                    Description = $"Problem; code: {string.Join(", ", codes)}.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                    },
                };
            }
            return Task.CompletedTask;
        });
    }

    private static string NotFoundCode(string path) =>
        path.Contains("/jobs/", StringComparison.Ordinal) ? "job.not_found"
        : path.Contains("/users/", StringComparison.Ordinal) ? "user.not_found"
        : path.Contains("/keys/", StringComparison.Ordinal) ? "api_key.not_found"
        : path.Contains("/uploads/sessions/", StringComparison.Ordinal) ? "upload.not_found"
        : path.Contains("/ingest/", StringComparison.Ordinal) ? "media.not_found"
        : "not_found";

    /// <summary>"GET /api/v1/probe/renders/{id}" → "Get probe renders by id": a plain fallback for operations without a written summary.</summary>
    private static string Generated(string? method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2).Where(p => !p.StartsWith('{')).ToList();
        var verb = method?.ToUpperInvariant() switch
        {
            "GET" => "Get", "POST" => "Create", "PUT" => "Replace", "PATCH" => "Change", "DELETE" => "Delete", _ => method ?? "Call",
        };
        var by = path.EndsWith('}') ? " by id" : "";
        return $"{verb} {string.Join(' ', words).Replace('-', ' ')}{by}".Trim();
    }

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex RouteConstraint();
}
