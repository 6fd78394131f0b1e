using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// The trash folder's record of every action, one JSON object per line, appended and fsynced as each file is
/// handled, so that an interrupted run is still undoable up to where it stopped.
/// </summary>
public sealed class ActionManifest(string path)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public string Path => path;

    public void Append(ManifestRecord record)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var line = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(line);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }

    /// <exception cref="InvalidDataException">A line is not a manifest record (names the file and line).</exception>
    public IReadOnlyList<ManifestRecord> ReadAll()
    {
        if (!File.Exists(path)) return [];
        var records = new List<ManifestRecord>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                records.Add(JsonSerializer.Deserialize<ManifestRecord>(line, Json)
                    ?? throw new JsonException("null record"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{number}: not a manifest record ({e.Message})", e);
            }
        }
        return records;
    }

    /// <summary>Every action in the order it was done (oldest first).</summary>
    public IReadOnlyList<ActionSummary> Actions()
    {
        var records = ReadAll();
        var restored = records.OfType<FileRestored>().Select(r => (r.ActionId, r.Path)).ToHashSet();
        return records.OfType<FileActed>()
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
