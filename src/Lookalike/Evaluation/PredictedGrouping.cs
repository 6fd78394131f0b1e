using Lookalike.Dedup.Reports;

namespace Lookalike.Evaluation;

/// <summary>One group a dedup method reported, with what linked it (e.g. "phash 0-4, embedding 3"), the file it
/// suggests keeping and its level (exact, same-pixels, copy, similar: the loosest of its links), when known.</summary>
public sealed record PredictedGroup(IReadOnlyList<string> Files, string? Evidence = null, string? Keep = null, string? Level = null);

/// <summary>Reads the groups of a <see cref="DuplicateReport"/> (<c>lookalike dupes --json</c> or <c>--export FILE.json</c>).</summary>
public static class PredictedGrouping
{
    /// <exception cref="BadInputException">The file is not a duplicate report.</exception>
    public static List<PredictedGroup> Read(string jsonPath) =>
        DuplicateReport.Read(jsonPath).Groups.Select(g => new PredictedGroup(
            g.Files,
            g.Evidence is { Count: > 0 } evidence ? string.Join(", ", evidence.Select(Describe)) : null,
            g.Keep,
            g.Level)).ToList();

    private static string Describe(ReportEvidence e) => $"{e.Kind} {e.MinDistance}" + (e.MaxDistance > e.MinDistance ? $"-{e.MaxDistance}" : "");
}
