using System.Globalization;

namespace Lookalike.Fingerprints.Hashes;

/// <summary>One hash of a PDQ hash list: the hash, its quality when the list gives one, a label (often the path of
/// the image it came from) and the line it was read from.</summary>
public sealed record PdqListEntry(PdqHash Hash, int? Quality, string Label, int Line);

/// <summary>
/// PDQ hash lists as hash-sharing tools exchange them: one hex hash per line, optionally followed by
/// <c>,quality</c> and <c>,label</c> (the reference's pdq-photo-hasher writes <c>hash,quality,path</c>, which is what
/// <c>lookalike hash</c> writes too). Blank lines and lines starting with '#' are skipped.
/// </summary>
public static class PdqHashList
{
    /// <summary>The reference tool's line for one image.</summary>
    public static string FormatLine(PdqHash hash, int quality, string label) => $"{hash},{quality.ToString(CultureInfo.InvariantCulture)},{label}";

    /// <summary>The entries of a list file; a line that is not a hash goes to <paramref name="onBadLine"/> (line number,
    /// reason) and reading goes on. An entry without a label is labelled "FILE:LINE".</summary>
    public static List<PdqListEntry> Read(string path, Action<int, string> onBadLine)
    {
        var entries = new List<PdqListEntry>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (Parse(line, number) is { } entry) entries.Add(entry.Label.Length > 0 ? entry : entry with { Label = $"{path}:{number}" });
            else onBadLine(number, $"not a PDQ hash (64 hex digits, optionally ,quality,label): '{Shorten(line)}'");
        }
        return entries;
    }

    /// <summary>One line: "hash", "hash,label", "hash,quality" or "hash,quality,label" (the label may hold commas).</summary>
    internal static PdqListEntry? Parse(string line, int number)
    {
        var parts = line.Split(',', 3);
        if (!PdqHash.TryParse(parts[0].Trim(), out var hash)) return null;
        if (parts.Length == 1) return new PdqListEntry(hash, null, "", number);
        if (int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quality) && quality <= 100)
            return new PdqListEntry(hash, quality, parts.Length == 3 ? parts[2].Trim() : "", number);
        return new PdqListEntry(hash, null, line[(line.IndexOf(',') + 1)..].Trim(), number);
    }

    private static string Shorten(string line) => line.Length <= 80 ? line : line[..77] + "...";
}
