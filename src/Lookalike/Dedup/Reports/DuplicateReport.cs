using System.Globalization;
using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Keep;

namespace Lookalike.Dedup.Reports;

/// <summary>
/// What a duplicate search found and did: the one document that <c>dupes --json</c> prints, <c>--export FILE.json</c>
/// saves (the same bytes), <c>--export FILE.csv</c> flattens, and the evaluation reads back. Its shape is documented in
/// docs/dupes-report.schema.json; <c>{"groups":[{"files":[keeper, duplicates...],"keep":PATH}]}</c> stays as before.
/// </summary>
public sealed record DuplicateReport(ReportSummary Summary, IReadOnlyList<ReportGroup> Groups, ReportAction? Action = null)
{
    public static readonly IReadOnlyList<string> CsvHeader =
        ["group", "file", "keep", "width", "height", "size", "format", "exif_date", "reason"];

    public string ToJson() => JsonSerializer.Serialize(this, ReportJson.Options);

    /// <summary>Writes the report to a .json or .csv file, by its extension.</summary>
    /// <exception cref="BadInputException">The file cannot be written (names it).</exception>
    public void Save(string path)
    {
        try
        {
            if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
            {
                using var writer = new StreamWriter(path);
                WriteCsv(writer);
            }
            else File.WriteAllText(path, ToJson() + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot write the report to {path}: {e.Message}", e);
        }
    }

    /// <summary>One row per file, the keeper first in each group.</summary>
    public void WriteCsv(TextWriter output)
    {
        Csv.WriteRow(output, CsvHeader);
        foreach (var group in Groups)
        {
            foreach (var file in group.Details)
            {
                Csv.WriteRow(output,
                [
                    group.Id.ToString(CultureInfo.InvariantCulture),
                    file.Path,
                    file.Keep ? "yes" : "no",
                    file.Width.ToString(CultureInfo.InvariantCulture),
                    file.Height.ToString(CultureInfo.InvariantCulture),
                    file.Size.ToString(CultureInfo.InvariantCulture),
                    file.Format,
                    file.ExifDate?.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                    file.Reason,
                ]);
            }
        }
    }

    /// <summary>Reads a saved report (or <c>dupes --json</c> output).</summary>
    /// <exception cref="BadInputException">The file is missing or not a report.</exception>
    public static DuplicateReport Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var report = JsonSerializer.Deserialize<DuplicateReport>(stream, ReportJson.Options);
            return report?.Groups is null
                ? throw new BadInputException($"{path}: no \"groups\" array (expected the output of 'lookalike dupes --json')")
                : report;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new BadInputException($"{path}: not a duplicate report ({e.Message})", e);
        }
    }
}

/// <summary>The totals of a report, and the method and limits that produced it.</summary>
/// <param name="Images">Images compared (those below the folders searched).</param>
/// <param name="FilesInGroups">Files in some group, keepers included.</param>
/// <param name="FilesThatCouldGo">Duplicates an action would take away (all but the keepers, less those your decisions keep).</param>
/// <param name="BytesReclaimable">Bytes those duplicates really occupy: a file that is already a hard link of its keeper,
/// or of another duplicate counted before, frees nothing more.</param>
/// <param name="KeptByDecisions">Duplicates left alone because you decided to keep both or that they are not duplicates.</param>
public sealed record ReportSummary(
    int Images,
    int Groups,
    int FilesInGroups,
    int FilesThatCouldGo,
    long BytesReclaimable,
    int KeptByDecisions,
    string Method,
    ReportLimits Limits,
    ReportVerifier? Verifier = null);

/// <summary>What the content verifier did in this run (absent with <c>--verify none</c>): files decoded and described,
/// candidate pairs judged, and the work per file and per pair (summed over threads, microseconds).</summary>
public sealed record ReportVerifier(int Files, int Pairs, double MicrosecondsPerFile, double MicrosecondsPerPair);

/// <summary>The limits in force; absent ones were not used.</summary>
/// <param name="Hash">The hash compared (phash, dhash, ...) with <paramref name="HashMaxDistance"/>.</param>
/// <param name="TurnedMaxDistance">Largest distance between the pHashes of a picture turned or mirrored.</param>
/// <param name="ConfirmMinSimilarity">A hash link also needs this embedding cosine.</param>
/// <param name="Model">The embedding model (name@version) when one was used.</param>
/// <param name="Description">The same limits in a sentence.</param>
public sealed record ReportLimits(
    string? Hash,
    int? HashMaxDistance,
    int? TurnedMaxDistance,
    IReadOnlyList<ReportEmbeddingRule> EmbeddingRules,
    float? ConfirmMinSimilarity,
    string? Model,
    string Description);

/// <summary>An embedding link: cosine at least <paramref name="MinSimilarity"/>, with pHashes at most <paramref name="MaxPHashDistance"/> apart when set.</summary>
public sealed record ReportEmbeddingRule(float MinSimilarity, int? MaxPHashDistance);

/// <summary>One group: <paramref name="Files"/> are absolute paths, the keeper first.</summary>
/// <param name="Id">1-based position in the report.</param>
/// <param name="Reason">Why <paramref name="Keep"/> is the one to keep.</param>
/// <param name="Level">The loosest level among the links holding the group: exact, same-pixels, copy or similar
/// (docs/dedup-evaluation.md says what each means).</param>
/// <param name="Levels">How many links are of each level, strictest first.</param>
/// <param name="Damaged">Files of the group that decoded only with errors (never the keeper unless all are).</param>
public sealed record ReportGroup(
    int Id,
    IReadOnlyList<string> Files,
    string Keep,
    string Reason,
    string Level,
    IReadOnlyList<ReportLevelCount> Levels,
    IReadOnlyList<string> Damaged,
    IReadOnlyList<ReportEvidence> Evidence,
    IReadOnlyList<ReportFile> Details,
    ReportContent? Content = null)
{
    /// <summary>The group of a keep-best choice: the keeper's "kept: ..." row, then each duplicate's "not kept: ...".</summary>
    public static ReportGroup From(int id, KeepChoice choice, DuplicateGroup group, IReadOnlyList<ReportEvidence> evidence) => new(
        id,
        choice.Files.Select(f => f.Path).ToList(),
        choice.Keep.Path,
        choice.Reason,
        DuplicateLevels.Name(group.Level),
        (group.Levels ?? []).Select(l => new ReportLevelCount(DuplicateLevels.Name(l.Level), l.Links)).ToList(),
        choice.Files.Where(f => f.Damaged).Select(f => f.Path).ToList(),
        evidence,
        choice.Duplicates.Select(d => ReportFile.Of(d.File, keep: false, $"not kept: {d.WhyNotKept}"))
            .Prepend(ReportFile.Of(choice.Keep, keep: true, $"kept: {choice.Reason}")).ToList(),
        group.Content is { } c ? new ReportContent(c.Pairs, c.MinInliers, Math.Round(c.MinAgreement, 3), c.MaxMovedCells) : null);
}

/// <summary>The content verifier's evidence for the pairs of a group it judged (absent with <c>--verify none</c>):
/// <paramref name="Pairs"/> judged, the fewest corners fitting one geometric model (<paramref name="MinInliers"/>), the
/// lowest share of overlapping cells that agree (<paramref name="MinAgreement"/>, 0..1) and the most cells whose
/// content moved (<paramref name="MaxMovedCells"/>).</summary>
public sealed record ReportContent(int Pairs, int MinInliers, double MinAgreement, int MaxMovedCells);

/// <summary>How many links of a group are of one level.</summary>
public sealed record ReportLevelCount(string Level, int Links);

/// <summary>What linked the group: <paramref name="Links"/> pairs by <paramref name="Kind"/> (a hash name, turned-phash or
/// embedding), at distances <paramref name="MinDistance"/>..<paramref name="MaxDistance"/> (Hamming bits; for the
/// embedding, 1000 x (1 - cosine)).</summary>
public sealed record ReportEvidence(string Kind, int Links, int MinDistance, int MaxDistance);

/// <summary>One file of a group as the keep-best choice saw it.</summary>
/// <param name="Damaged">The file decoded only with errors (truncated, corrupt): never chosen as the keeper.</param>
/// <param name="Reason">"kept: ..." for the keeper, else "not kept: ..." compared with the keeper.</param>
public sealed record ReportFile(
    string Path,
    bool Keep,
    int Width,
    int Height,
    long Size,
    string Format,
    DateTime? ExifDate,
    string Sha256,
    bool Damaged,
    string Reason)
{
    public static ReportFile Of(ImageRecord file, bool keep, string reason) =>
        new(file.Path, keep, file.Width, file.Height, file.Size, file.Format, file.ExifDate, file.ContentHash, file.Damaged, reason);
}

/// <summary>What the action did: <paramref name="Done"/> files, each with where its bytes went (<c>trashPath</c>, absent
/// after a delete), and the files left alone with why.</summary>
/// <param name="LeftUndone">Files the action planned to handle and left as they were (changed, outside the folders, not
/// identical for a link, a failed move); files kept by decisions do not count.</param>
public sealed record ReportAction(string Id, DedupAction Name, string? Trash, IReadOnlyList<ReportActed> Done, IReadOnlyList<SkippedFile> Skipped,
    int LeftUndone);

public sealed record ReportActed(string Path, string Keeper, string? TrashPath);
