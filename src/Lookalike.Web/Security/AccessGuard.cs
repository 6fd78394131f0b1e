using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Lookalike.Web.Security;

/// <summary>
/// Checks on every request. Without a token: the Host is a loopback name. With a token: the request carries it (cookie set by the first <c>?token=</c> visit, or
/// an <c>Authorization: Bearer</c> header), else 401. Every POST carries the page's anti-forgery value in
/// <see cref="HeaderName"/>, else 403: another site can make a browser POST here but cannot read the page to learn it.
/// </summary>
public sealed class AccessGuard(string? token)
{
    public const string HeaderName = "X-Lookalike-Csrf";
    private const string TokenCookie = "lookalike_token";

    /// <summary>Random per server run, written into the page the app serves.</summary>
    public string AntiForgery { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // Without a token the server listens on loopback only; a page elsewhere that rebinds its own name to
        // 127.0.0.1 (DNS rebinding) still sends its own name as Host, so only loopback names are answered.
        if (token is null && !BindingRule.IsLoopback(context.Request.Host.Host))
        {
            context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            await context.Response.WriteAsync("this server answers only to localhost");
            return;
        }
        if (token is not null && !HasToken(context))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("token required");
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !Same(context.Request.Headers[HeaderName].ToString(), AntiForgery))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("missing or wrong anti-forgery header");
            return;
        }
        await next(context);
    }

    private bool HasToken(HttpContext context)
    {
        if (Same(context.Request.Cookies[TokenCookie], token!)) return true;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal) && Same(header[7..], token!)) return true;
        if (Same(context.Request.Query["token"].ToString(), token!))
        {
            context.Response.Cookies.Append(TokenCookie, token!, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            return true;
        }
        return false;
    }

    private static bool Same(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
