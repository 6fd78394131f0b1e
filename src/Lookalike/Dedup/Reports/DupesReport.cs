using System.Globalization;
using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Dedup.Keep;

namespace Lookalike.Dedup.Reports;

/// <summary>
/// Exports duplicate groups with their keep-best choice. JSON: <c>{"groups":[{"id":1,"files":[ABSOLUTE PATHS, keeper
/// first],"keep":PATH,"reason":TEXT,"details":[...]}]}</c> (the <c>files</c> array stays exactly a list of paths);
/// CSV: one row per file. Group ids are 1-based positions in the given list.
/// </summary>
public static class DupesReport
{
    public static readonly IReadOnlyList<string> CsvHeader =
        ["group", "file", "keep", "width", "height", "size", "format", "exif_date", "reason"];

    public static void WriteJson(Stream output, IReadOnlyList<KeepChoice> groups)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("groups");
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            json.WriteStartObject();
            json.WriteNumber("id", i + 1);
            json.WriteStartArray("files");
            foreach (var file in group.Files) json.WriteStringValue(file.Path);
            json.WriteEndArray();
            json.WriteString("keep", group.Keep.Path);
            json.WriteString("reason", group.Reason);
            json.WriteStartArray("details");
            foreach (var (file, reason) in Rows(group))
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteBoolean("keep", file == group.Keep);
                json.WriteNumber("width", file.Width);
                json.WriteNumber("height", file.Height);
                json.WriteNumber("size", file.Size);
                json.WriteString("format", file.Format);
                if (file.ExifDate is { } date) json.WriteString("exifDate", date);
                else json.WriteNull("exifDate");
                json.WriteString("sha256", file.ContentHash);
                json.WriteBoolean("damaged", file.Damaged);
                json.WriteString("reason", reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteCsv(TextWriter output, IReadOnlyList<KeepChoice> groups)
    {
        Csv.WriteRow(output, CsvHeader);
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var (file, reason) in Rows(groups[i]))
            {
                Csv.WriteRow(output,
                [
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    file.Path,
                    file == groups[i].Keep ? "yes" : "no",
                    file.Width.ToString(CultureInfo.InvariantCulture),
                    file.Height.ToString(CultureInfo.InvariantCulture),
                    file.Size.ToString(CultureInfo.InvariantCulture),
                    file.Format,
                    file.ExifDate?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                    reason,
                ]);
            }
        }
    }

    /// <summary>Each file with its reason: the keeper's "kept: ..." then "not kept: ..." with every duplicate's comparison against the keeper.</summary>
    private static IEnumerable<(ImageRecord File, string Reason)> Rows(KeepChoice group) =>
        group.Duplicates.Select(d => (d.File, $"not kept: {d.WhyNotKept}")).Prepend((group.Keep, $"kept: {group.Reason}"));
}
