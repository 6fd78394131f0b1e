namespace Lookalike.Dedup.Reports;

/// <summary>RFC 4180 fields: quoted when they hold a comma, quote, CR or LF (or edge spaces), quotes doubled.</summary>
public static class Csv
{
    public static string Field(string value)
    {
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        return needsQuotes ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    /// <summary>Writes one record terminated by CRLF, as RFC 4180 asks.</summary>
    public static void WriteRow(TextWriter writer, IEnumerable<string> fields)
    {
        writer.Write(string.Join(',', fields.Select(Field)));
        writer.Write("\r\n");
    }
}
