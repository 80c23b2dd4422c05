using System.Net;
using Gilgamesh.Modules.Kernel.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gilgamesh.App.Hosting;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto, believed only from <see cref="AccountsOptions.TrustedProxies"/>: the client
/// address drives the per-address sign-in limit and the audit trail, and the scheme decides Secure cookies, so a
/// header from anyone else is ignored.
/// </summary>
internal static class TrustedProxyHeaders
{
    public static ForwardedHeadersOptions? For(AccountsOptions accounts)
    {
        if (accounts.TrustedProxies.Length == 0) return null;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // The defaults trust loopback; only what is configured counts.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var entry in accounts.TrustedProxies)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) options.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new InvalidOperationException($"Accounts:TrustedProxies: '{entry}' is neither an address nor a CIDR network.");
        }
        return options;
    }
}
