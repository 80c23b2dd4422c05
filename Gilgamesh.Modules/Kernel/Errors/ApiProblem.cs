using Microsoft.AspNetCore.Http;

namespace Gilgamesh.Modules.Kernel.Errors;

/// <summary>RFC 7807 problem results that always carry a stable <c>code</c> extension.</summary>
public static class ApiProblem
{
    public static IResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: title,
            type: $"https://gilgamesh.local/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static IResult From(GilgameshException e) => Create(e.StatusCode, e.Code, TitleFor(e.StatusCode), e.Message);

    public static IResult NotFound(string code, string detail) => Create(StatusCodes.Status404NotFound, code, "Not found", detail);

    public static IResult Conflict(string code, string detail) => Create(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static string TitleFor(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable content",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => status >= 500 ? "Internal error" : "Request failed",
    };
}
