using System.Net;

namespace Lookalike.Web.Security;

/// <summary>Loopback by default: an address others can reach is allowed only with a token.</summary>
public static class BindingRule
{
    /// <summary>Null when the addresses may be served, else why not.</summary>
    public static string? Check(IReadOnlyList<string> urls, string? token)
    {
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                return $"'{url}' is not an http:// or https:// address";
            if (!IsLoopback(uri.Host) && string.IsNullOrEmpty(token))
                return $"{url} can be reached from other machines: give --token SECRET (or listen on 127.0.0.1)";
        }
        return null;
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
