using System.Text;

namespace Lookalike.Ingest;

/// <summary>Reads RFC 4180 CSV: comma-separated fields, optionally quoted (quotes doubled inside, line
/// breaks allowed), records ending in CRLF or LF. Blank lines are skipped.</summary>
public static class CsvReader
{
    /// <summary>Each record's fields with the line it starts on (1-based).</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1;
        bool quoted = false, fieldWasQuoted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"') field.Append((char)reader.Read());
                    else quoted = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append((char)c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    quoted = fieldWasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n':
                    if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted) yield return (recordLine, [.. fields, field.ToString()]);
                    fields.Clear();
                    field.Clear();
                    fieldWasQuoted = false;
                    recordLine = ++line;
                    break;
                default:
                    field.Append((char)c);
                    break;
            }
        }
        if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted) yield return (recordLine, [.. fields, field.ToString()]);
    }
}
