using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web;

/// <summary>
/// The pages' files, embedded in this assembly (wwwroot/): served by their exact names only, so no request path ever
/// reaches the file system. index.html gets the anti-forgery value the scripts send with every POST.
/// </summary>
public static class StaticAssets
{
    private const string Prefix = "wwwroot/";
    private const string AntiForgeryPlaceholder = "{{antiforgery}}";

    public static void Map(IEndpointRouteBuilder app, string antiForgery)
    {
        var assembly = typeof(StaticAssets).Assembly;
        var files = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(n => n[Prefix.Length..], n => Read(assembly, n));
        var index = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files["index.html"]).Replace(AntiForgeryPlaceholder, antiForgery));
        app.MapGet("/", () => Results.Bytes(index, "text/html; charset=utf-8"));
        app.MapGet("/assets/{name}", (string name) =>
            name != "index.html" && files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, ContentType(name)) : Results.NotFound());
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
