using System.Net;
using System.Net.Sockets;

namespace Gilgamesh.Modules.Ingest.Links.Ssrf;

/// <summary>
/// Resolves and connects for <see cref="SocketsHttpHandler.ConnectCallback"/>, checking every address it is about to
/// connect to. Checking here, not only before the request, defeats DNS rebinding (a name that resolved to a public
/// address for the pre-check and to 127.0.0.1 for the connection) and covers every redirect hop.
/// </summary>
internal sealed class GuardedConnector(SsrfPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await ResolveAsync(endpoint.Host, endpoint.Port, ct);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>The addresses of <paramref name="host"/> this policy lets us reach; refuses when there are none.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, int port, CancellationToken ct)
    {
        if (policy.HostRefusal(host, port) is { } hostRefusal) throw new SsrfRefusedException(hostRefusal);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        if (policy.IsAllowedOrigin(host, port)) return addresses;
        var allowed = addresses.Where(a => policy.Refusal(a) is null).ToArray();
        // Refuse when any address is forbidden, not just all: a name with one public and one private record is a trick.
        var refused = addresses.Select(policy.Refusal).FirstOrDefault(r => r is not null);
        if (refused is not null) throw new SsrfRefusedException($"{host} resolves to a forbidden address: {refused}");
        return allowed;
    }
}
