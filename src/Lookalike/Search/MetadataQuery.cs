using System.Globalization;
using Lookalike.Catalog;

namespace Lookalike.Search;

/// <summary>
/// Cataloged images chosen by what is known about them rather than how they look: the user's tags and key=value
/// metadata and a folder (<see cref="ImageFilter"/>), and the EXIF camera and capture time the indexer stored.
/// <see cref="Camera"/> matches any part of the stored "make model", ignoring case; capture times are the camera's
/// local clock as EXIF records it, compared as they are. Images without the EXIF field asked for are left out.
/// </summary>
public sealed record MetadataQuery(ImageFilter Filter, string? Camera = null, DateTime? TakenFrom = null, DateTime? TakenBefore = null)
{
    /// <summary>The images that pass every condition, by path.</summary>
    public List<ImageRecord> Run(ImageCatalog catalog)
    {
        var allowed = Filter.Select(catalog);
        return catalog.GetImages().Where(image =>
            (allowed is null || allowed.Contains(image.Id)) &&
            (Camera is null || image.Camera?.Contains(Camera, StringComparison.OrdinalIgnoreCase) == true) &&
            (TakenFrom is null || image.ExifDate >= TakenFrom) &&
            (TakenBefore is null || image.ExifDate < TakenBefore)).ToList();
    }

    /// <summary>
    /// A capture-time range "FROM..TO" (either side may be left out) or a single period. Each side is a year, a month,
    /// a day or a time (2019, 2019-04, 2019-04-14, 2019-04-14T13:45[:56]) and stands for all of it: "2019-04..2019-05"
    /// is April and May. Returns the start (inclusive) and the end (exclusive).
    /// </summary>
    public static (DateTime? From, DateTime? Before) ParseTaken(string text)
    {
        var split = text.IndexOf("..", StringComparison.Ordinal);
        if (split < 0)
        {
            var (start, end) = Period(text);
            return (start, end);
        }
        var from = text[..split].Trim();
        var to = text[(split + 2)..].Trim();
        if (from.Length == 0 && to.Length == 0) throw new FormatException($"'{text}' gives neither a start nor an end: use FROM..TO.");
        DateTime? begin = from.Length == 0 ? null : Period(from).Start;
        DateTime? finish = to.Length == 0 ? null : Period(to).End;
        if (begin >= finish) throw new FormatException($"'{text}' ends before it starts.");
        return (begin, finish);
    }

    private static readonly (string Format, Func<DateTime, DateTime> Next)[] Periods =
    [
        ("yyyy", d => d.AddYears(1)),
        ("yyyy-MM", d => d.AddMonths(1)),
        ("yyyy-MM-dd", d => d.AddDays(1)),
        ("yyyy-MM-ddTHH:mm", d => d.AddMinutes(1)),
        ("yyyy-MM-dd HH:mm", d => d.AddMinutes(1)),
        ("yyyy-MM-ddTHH:mm:ss", d => d.AddSeconds(1)),
        ("yyyy-MM-dd HH:mm:ss", d => d.AddSeconds(1)),
    ];

    private static (DateTime Start, DateTime End) Period(string text)
    {
        foreach (var (format, next) in Periods)
            if (DateTime.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                return (start, next(start));
        throw new FormatException($"'{text}' is not a date: use 2019, 2019-04, 2019-04-14 or 2019-04-14T13:45:56.");
    }
}
