using System.Text.Json;

namespace Lookalike.Evaluation;

/// <summary>One group a dedup method reported, with what linked it (e.g. "phash 0-4, embedding 3") and the file it
/// suggests keeping, when known.</summary>
public sealed record PredictedGroup(IReadOnlyList<string> Files, string? Evidence = null, string? Keep = null);

/// <summary>Reads the groups of <c>lookalike dupes --json</c>:
/// <c>{"groups":[{"files":[...], "evidence":[{"kind":"phash","minDistance":0,"maxDistance":4}, ...], ...}]}</c>.</summary>
public static class PredictedGrouping
{
    public static List<PredictedGroup> Read(string jsonPath)
    {
        using var stream = File.OpenRead(jsonPath);
        using var document = JsonDocument.Parse(stream);
        if (!document.RootElement.TryGetProperty("groups", out var groups) || groups.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{jsonPath}: no \"groups\" array (expected the output of 'lookalike dupes --json')");
        return groups.EnumerateArray().Select(g => new PredictedGroup(
            g.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList(),
            g.TryGetProperty("evidence", out var evidence) && evidence.ValueKind == JsonValueKind.Array
                ? string.Join(", ", evidence.EnumerateArray().Select(Describe))
                : null,
            g.TryGetProperty("keep", out var keep) && keep.ValueKind == JsonValueKind.String ? keep.GetString() : null)).ToList();
    }

    private static string Describe(JsonElement e)
    {
        var (min, max) = (e.GetProperty("minDistance").GetInt32(), e.GetProperty("maxDistance").GetInt32());
        return $"{e.GetProperty("kind").GetString()} {min}" + (max > min ? $"-{max}" : "");
    }
}
