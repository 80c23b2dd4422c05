namespace Gilgamesh.Modules.Kernel.Errors;

/// <summary>
/// An error with a stable, documented code (see docs/errors.md). The host turns it into an
/// RFC 7807 problem response with <see cref="StatusCode"/> and an <c>code</c> extension.
/// </summary>
public class GilgameshException(string code, string message, int statusCode = 400, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;
    public int StatusCode { get; } = statusCode;
}
