using Lookalike.Catalog;
using Lookalike.Loading;
using Lookalike.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web.Searching;

/// <summary>/api/search: by uploaded image (size and pixel limits), by text, or like a cataloged image.</summary>
public static class SearchEndpoints
{
    public const int MaxResults = 200;

    public sealed record TextRequest(string Text, int? K, string? Tag, string? Folder, string? Where = null);

    public static void Map(IEndpointRouteBuilder app, SearchService search, ServeOptions options)
    {
        app.MapGet("/api/search/filters", () => Results.Ok(search.Filters()));
        app.MapGet("/api/search/like/{id:long}", (long id, int? k, string? tag, string? folder, string? where) =>
            Run(() => search.LikeImage(id, K(k), Filter(tag, folder, where, options))));
        app.MapPost("/api/search/text", (TextRequest request) =>
            string.IsNullOrWhiteSpace(request.Text)
                ? Results.BadRequest(new { error = "type something to search for" })
                : Run(() => search.ForText(request.Text, K(request.K), Filter(request.Tag, request.Folder, request.Where, options))));
        app.MapPost("/api/search/image", async (HttpContext context) =>
        {
            // The limit is set before the body is read, so a huge upload is cut off rather than buffered.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.MaxUploadBytes;
            if (context.Request.ContentLength > options.MaxUploadBytes) return TooLarge(options);
            IFormFile? file;
            try
            {
                file = (await context.Request.ReadFormAsync()).Files.GetFile("image");
            }
            catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
            {
                return e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? TooLarge(options)
                    : Results.BadRequest(new { error = e.Message });
            }
            if (file is null || file.Length == 0) return Results.BadRequest(new { error = "send the picture as the form field 'image'" });
            var query = context.Request.Query;
            var temporary = Path.Combine(Path.GetTempPath(), $"lookalike-query-{Guid.NewGuid():N}");
            try
            {
                await using (var stream = File.Create(temporary)) await file.CopyToAsync(stream);
                return Run(() => search.ForFile(temporary, K(int.TryParse(query["k"], out var k) ? k : null),
                    Filter(query["tag"], query["folder"], query["where"], options)));
            }
            finally
            {
                File.Delete(temporary);
            }
        });
    }

    private static IResult TooLarge(ServeOptions options) =>
        Results.Json(new { error = $"the picture is larger than {options.MaxUploadBytes / (1024 * 1024)} MB" }, statusCode: StatusCodes.Status413PayloadTooLarge);

    private static int K(int? k) => Math.Clamp(k ?? 24, 1, MaxResults);

    /// <summary>A tag, one of the served folders and metadata conditions (<c>key=value</c>, comma-separated, as
    /// <c>lookalike search --where</c>); an empty value means no filter.</summary>
    private static ImageFilter Filter(string? tag, string? folder, string? where, ServeOptions options)
    {
        var tags = string.IsNullOrWhiteSpace(tag) ? [] : new[] { ImageTags.Clean(tag) };
        var under = string.IsNullOrWhiteSpace(folder) ? null : options.Folders.FirstOrDefault(f => f == folder)
            ?? throw new SearchException("filter by one of the served folders");
        try
        {
            var values = string.IsNullOrWhiteSpace(where) ? [] : where.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ImageFilter.ParseCondition).ToList();
            return new ImageFilter(tags, under, values);
        }
        catch (ArgumentException e)
        {
            // A malformed request, not a state of the catalog: Run answers 400.
            throw new ArgumentException($"metadata filter: {e.Message} Write key=value, several separated by commas.", e);
        }
    }

    private static IResult Run(Func<List<SearchService.Hit>> search)
    {
        try
        {
            return Results.Ok(new { results = search() });
        }
        catch (SearchException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: e.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }
        catch (ImageDecodeException e)
        {
            return Results.Json(new { error = e.Reason }, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new { error = e.Message });
        }
    }
}
