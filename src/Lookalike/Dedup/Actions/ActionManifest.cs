using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// The trash folder's record of every action, one JSON object per line, each sealed with the catalog's key
/// (<see cref="ManifestSeal"/>). A file's line is appended and fsynced before it is touched, so an interrupted run
/// is still undoable up to where it stopped; lines that fail their seal make the whole manifest refused.
/// </summary>
public sealed class ActionManifest(string path)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string Path => path;

    public void Append(ManifestRecord record, ManifestSeal seal)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var line = System.Text.Encoding.UTF8.GetBytes(seal.Seal(JsonSerializer.Serialize(record, Json)) + "\n");
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(line);
        stream.Flush(flushToDisk: true);
    }

    /// <exception cref="InvalidDataException">A line is not a manifest record, or not sealed by <paramref name="seal"/>'s
    /// catalog (names the file and line).</exception>
    public IReadOnlyList<ManifestRecord> ReadAll(ManifestSeal seal)
    {
        if (!File.Exists(path)) return [];
        var records = new List<ManifestRecord>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var opened = seal.Open(line) ?? throw new InvalidDataException(
                $"{path}:{number}: not sealed by this catalog: the manifest was edited, belongs to another catalog, or was written " +
                "by an older Lookalike; refusing to use it (nothing was changed)");
            try
            {
                records.Add(JsonSerializer.Deserialize<ManifestRecord>(opened, Json) ?? throw new JsonException("null record"));
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                throw new InvalidDataException($"{path}:{number}: not a manifest record ({e.Message})", e);
            }
        }
        return records;
    }

    /// <summary>Every action in the order it was done (oldest first).</summary>
    public IReadOnlyList<ActionSummary> Actions(ManifestSeal seal)
    {
        var records = ReadAll(seal);
        var restored = records.OfType<FileRestored>().Select(r => (r.ActionId, r.Path)).ToHashSet();
        var abandoned = records.OfType<FileAbandoned>().Select(r => (r.ActionId, r.Path)).ToHashSet();
        return records.OfType<FileActed>()
            .Where(r => !abandoned.Contains((r.ActionId, r.Path)))
            .GroupBy(r => r.ActionId)
            .Select(g => new ActionSummary(
                g.Key,
                g.First().Action,
                g.First().TimeUtc,
                g.Count(),
                g.Sum(r => r.Size),
                g.Count(r => restored.Contains((r.ActionId, r.Path))),
                g.Count(r => r.TrashPath == null)))
            .ToList();
    }
}

/// <summary>One action as <c>lookalike undo --list</c> shows it.</summary>
/// <param name="NotRestorable">Files deleted for good (no trash copy).</param>
public sealed record ActionSummary(string ActionId, DedupAction Action, DateTime StartedUtc, int Files, long Bytes, int Restored, int NotRestorable)
{
    public bool CanUndo => Restored + NotRestorable < Files;
}
