using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Chat.LoadTest.Cli;

/// <summary>
/// The load tool only ever targets this machine: a host in 127.0.0.0/8, <c>localhost</c> or <c>[::1]</c>.
/// Anything else is refused before a single request is sent.
/// </summary>
public static class LoopbackUrl
{
    /// <summary>Parses <paramref name="text"/> as an http(s) URL on a loopback host; the result's path ends with '/'.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed))
        {
            error = $"'{text}' is not an absolute URL such as http://127.0.0.1:5000.";
            return false;
        }

        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
        {
            error = $"'{text}' is not an http or https URL.";
            return false;
        }

        if (!IsLoopbackHost(parsed))
        {
            error = $"Refusing to send load to '{parsed.Host}': the load tool only targets this machine (127.0.0.0/8, localhost or [::1]).";
            return false;
        }

        var builder = new UriBuilder(parsed) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        url = builder.Uri;
        error = null;
        return true;
    }

    /// <summary>True for <c>localhost</c>, an IPv4 address in 127.0.0.0/8 and the IPv6 loopback <c>::1</c>.</summary>
    public static bool IsLoopbackHost(Uri url)
    {
        switch (url.HostNameType)
        {
            case UriHostNameType.Dns:
                return string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase);
            case UriHostNameType.IPv4:
            case UriHostNameType.IPv6:
                if (!IPAddress.TryParse(url.DnsSafeHost, out var address))
                {
                    return false;
                }

                return address.AddressFamily == AddressFamily.InterNetwork
                    ? address.GetAddressBytes()[0] == 127
                    : address.Equals(IPAddress.IPv6Loopback);
            default:
                return false;
        }
    }
}
