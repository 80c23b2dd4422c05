namespace Gilgamesh.Modules.Ingest.Links.Ssrf;

/// <summary>
/// Thrown by the guarded connect callback; an <see cref="IOException"/> so HttpClient wraps it as a connection failure,
/// and the fetcher finds it among the inner exceptions to answer <c>link.forbidden</c>.
/// </summary>
internal sealed class SsrfRefusedException(string message) : IOException(message);
