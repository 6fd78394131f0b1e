using System.Text.Json;

namespace Lookalike.Evaluation;

/// <summary>One group a dedup method reported, with the distance range that held it together when known.</summary>
public sealed record PredictedGroup(IReadOnlyList<string> Files, double? MinDistance = null, double? MaxDistance = null);

/// <summary>Reads the groups of <c>lookalike dupes --json</c>: <c>{"groups":[{"files":[...], "minDistance":..., ...}]}</c>.</summary>
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
            Number(g, "minDistance"), Number(g, "maxDistance"))).ToList();
    }

    private static double? Number(JsonElement group, string name) =>
        group.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
