using System.Text.Json;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Gilgamesh.App.Hosting;

/// <summary>Turns every exception into an RFC 7807 problem with a stable code; bad input is 4xx, never 5xx.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, code, detail) = exception switch
        {
            GilgameshException known => (known.StatusCode, known.Code, known.Message),
            BadHttpRequestException { StatusCode: 413 } => (413, ErrorCodes.BodyTooLarge, "The request body is larger than this endpoint accepts."),
            BadHttpRequestException { InnerException: JsonException json } => (400, ErrorCodes.InvalidJson, $"The body is not valid JSON: {json.Message}"),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 415 ? "request.unsupported_media_type" : ErrorCodes.InvalidRequest, bad.Message),
            JsonException json => (400, ErrorCodes.InvalidJson, $"The body is not valid JSON: {json.Message}"),
            OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "request.aborted", "The client closed the request."),
            _ => (500, ErrorCodes.Internal, "An unexpected error occurred; the server log has the details."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        else logger.LogInformation("Request rejected with {Code}: {Detail}", code, detail);

        if (http.Response.HasStarted) return true;
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = ApiProblem.TitleFor(status),
                Detail = detail,
                Type = $"https://gilgamesh.local/problems/{code}",
                Extensions = { ["code"] = code },
            },
        });
    }

    /// <summary>Problems the framework writes itself (404 for unknown routes, 405, …) get a code too.</summary>
    public static void AddDefaultCode(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        details.Extensions.TryAdd("code", details.Status switch
        {
            401 => "auth.unauthenticated",
            403 => "auth.forbidden",
            404 => ErrorCodes.NotFound,
            405 => "request.method_not_allowed",
            413 => ErrorCodes.BodyTooLarge,
            415 => "request.unsupported_media_type",
            429 => "request.rate_limited",
            >= 500 => ErrorCodes.Internal,
            _ => ErrorCodes.InvalidRequest,
        });
        details.Extensions.Remove("traceId");
        details.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }
}
