using System.Diagnostics;
using System.Text.RegularExpressions;
using Lookalike.Bench.Indexing;
using Lookalike.Catalog;
using Lookalike.Dedup.Keep;
using Lookalike.Evaluation;

namespace Lookalike.Bench;

/// <summary>
/// How often the keeper is the original, per keep policy, on the groups a <c>dupes --json</c> run found on an
/// evaluation set, and which edited copy was kept instead and why (the original's "why not kept"). Reads each grouped
/// file's <see cref="PictureTraits"/> once and times it: the keeper's cost per grouped file.
/// usage: bench keep-eval SET_DIR DUPES.json DB_DIR [--rules "folder,camera,...;..."] [--examples 3]
/// (policies separated by ';', the default policy when none is given; docs/dedup-keeper.md).
/// </summary>
internal static partial class KeeperEvaluation
{
    public static Task<int> Run(string[] args)
    {
        if (args.Length < 3 || args.Take(3).Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("usage: bench keep-eval SET_DIR DUPES.json DB_DIR [--rules \"r1,r2,...;r1,...\"] [--examples 3]");
            return Task.FromResult(2);
        }
        var (setDir, dupesJson, dbDir) = (Path.GetFullPath(args[0]), args[1], args[2]);
        var options = Options.Parse(args[3..]);
        var truth = DedupGroundTruth.Load(setDir, Path.Combine(setDir, "labels.tsv"), null, new HashSet<string>());
        using var catalog = ImageCatalog.Open(Path.Combine(dbDir, ImageCatalog.FileName));
        var records = catalog.GetImages([setDir]).ToDictionary(i => i.Path);
        var groups = PredictedGrouping.Read(dupesJson)
            .Select(g => g.Files.Where(records.ContainsKey).Select(f => records[f]).ToList())
            .Where(g => g.Count >= 2 && g.Any(f => truth.ByPath.TryGetValue(f.Path, out var l) && l.IsOriginal))
            .ToList();

        var traits = new Dictionary<ImageRecord, PictureTraits?>();
        var clock = Stopwatch.StartNew();
        foreach (var file in groups.SelectMany(g => g).Distinct()) traits[file] = PictureTraits.TryRead(file);
        var readMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var signatures = 0;
        foreach (var group in groups)
        {
            var withSignature = group.Where(f => traits[f]?.Signature is not null).ToDictionary(f => f, f => traits[f]!.Signature!);
            signatures += withSignature.Count;
            GroupCentre.Find(withSignature);
        }
        var centreMs = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($"{groups.Count} groups holding an original, {traits.Count} grouped files; traits (160 px decode, signature, sharpness) "
            + $"{readMs / Math.Max(1, traits.Count):0.00} ms per file, group centres {centreMs * 1000 / Math.Max(1, signatures):0} us per file "
            + $"(groups of {groups.Min(g => g.Count)}-{groups.Max(g => g.Count)} files).");

        Signals(groups, traits, truth);
        Overlays(groups, traits, truth);
        var policies = options.Text("rules", string.Join(',', KeepPolicy.Default.Rules.Select(KeepPolicy.Name)))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var examples = options.Int("examples", 3);
        foreach (var rules in policies) Report(rules, groups, traits, truth, examples);
        return Task.FromResult(0);
    }

    private static void Report(string rules, List<List<ImageRecord>> groups, Dictionary<ImageRecord, PictureTraits?> traits,
        DedupGroundTruth truth, int examples)
    {
        var selector = new KeepBestSelector(KeepPolicy.Parse(rules, []), f => traits[f]);
        var lost = new List<(string Kept, string Why, string Group)>();
        var bySize = new Dictionary<string, (int Kept, int Total)>();
        foreach (var group in groups)
        {
            var choice = selector.Choose(group);
            var kept = truth.ByPath.TryGetValue(choice.Keep.Path, out var label) && label.IsOriginal;
            var size = group.Count switch { 2 => "2", 3 => "3", < 10 => "4-9", _ => "10+" };
            var (k, t) = bySize.GetValueOrDefault(size);
            bySize[size] = (k + (kept ? 1 : 0), t + 1);
            if (kept) continue;
            var original = choice.Duplicates.First(d => truth.ByPath.TryGetValue(d.File.Path, out var l) && l.IsOriginal);
            lost.Add((label?.Transform ?? "unlabelled", original.WhyNotKept, Path.GetFileName(Path.GetDirectoryName(choice.Keep.Path)) ?? ""));
        }
        var keptOriginal = groups.Count - lost.Count;
        Console.WriteLine();
        Console.WriteLine($"### {rules}");
        Console.WriteLine();
        Console.WriteLine($"keeper = original: {100.0 * keptOriginal / Math.Max(1, groups.Count):0.0} % ({keptOriginal} of {groups.Count}); by group size: "
            + string.Join(", ", bySize.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} files {s.Value.Kept} of {s.Value.Total}")));
        if (lost.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine("| kept instead | groups | why the original lost (examples) |");
        Console.WriteLine("|---|---:|---|");
        foreach (var kind in lost.GroupBy(l => l.Kept).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var why = kind.GroupBy(l => Numbers().Replace(l.Why, "#")).OrderByDescending(g => g.Count())
                .Take(examples).Select(g => $"{g.Count()}x {g.First().Why} ({g.First().Group})");
            Console.WriteLine($"| {kind.Key} | {kind.Count()} | {string.Join("; ", why).Replace("|", "/", StringComparison.Ordinal)} |");
        }
    }

    /// <summary>Per edit: the copy's content distance to its original (what <see cref="GroupCentre.SamePicture"/> is set
    /// against) and its sharpness over the original's.</summary>
    private static void Signals(List<List<ImageRecord>> groups, Dictionary<ImageRecord, PictureTraits?> traits, DedupGroundTruth truth)
    {
        var rows = new Dictionary<string, (List<double> Distance, List<double> Sharpness)>();
        foreach (var group in groups)
        {
            var original = group.FirstOrDefault(f => truth.ByPath[f.Path].IsOriginal);
            if (original is null || traits[original] is not { Signature: { } os } to) continue;
            foreach (var file in group)
            {
                if (traits[file] is not { Signature: { } fs } tf) continue;
                var transform = truth.ByPath[file.Path].Transform;
                if (!rows.TryGetValue(transform, out var row)) rows[transform] = row = ([], []);
                if (file != original) row.Distance.Add(os.DistanceTo(fs));
                if (file != original && to.Sharpness > 0) row.Sharpness.Add(tf.Sharpness / to.Sharpness);
            }
        }
        Console.WriteLine();
        Console.WriteLine("| file | distance to its original: min / median / max | sharpness / original's: min / median / max |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (transform, row) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            Console.WriteLine($"| {transform} | {Spread(row.Distance, "0.0")} | {Spread(row.Sharpness, "0.00")} |");
    }

    /// <summary>Per edit: how the files at a group's centre differ from the median of them (what
    /// <see cref="LocalOverlay"/>'s limits are set against), and how many carry an overlay by those limits.</summary>
    private static void Overlays(List<List<ImageRecord>> groups, Dictionary<ImageRecord, PictureTraits?> traits, DedupGroundTruth truth)
    {
        var rows = new Dictionary<string, (List<double> Peak, List<double> Ratio, List<double> Area, List<double> Concentration, int Overlays)>();
        var tooFew = 0;
        var flaggedOriginals = new List<string>();
        foreach (var group in groups)
        {
            var signatures = group.Where(f => traits[f]?.Signature is not null).ToDictionary(f => f, f => traits[f]!.Signature!);
            if (GroupCentre.Find(signatures) is not { } centre) continue;
            var central = signatures.Where(s => centre.IsCentral(s.Key)).ToDictionary();
            if (LocalOverlay.Find(central) is not { } overlay) { tooFew++; continue; }
            foreach (var file in central.Keys)
            {
                var m = overlay.Measure(file)!;
                var transform = truth.ByPath[file.Path].Transform;
                if (!rows.TryGetValue(transform, out var row)) row = ([], [], [], [], 0);
                row.Peak.Add(m.Peak);
                row.Ratio.Add(m.Peak / Math.Max(0.1, m.Typical));
                row.Area.Add(m.Area * 100);
                row.Concentration.Add(m.Concentration * 100);
                rows[transform] = row with { Overlays = row.Overlays + (m.IsOverlay ? 1 : 0) };
                if (m.IsOverlay && transform == "original") flaggedOriginals.Add($"{Path.GetFileName(file.Path)} (peak {m.Peak:0.0}, typical {m.Typical:0.0}, area {m.Area:0.0%}, concentration {m.Concentration:0%}, {central.Count} central)");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Central files against their median ({tooFew} groups with fewer than {LocalOverlay.MinFiles} central files):");
        Console.WriteLine();
        Console.WriteLine("| central file | files | overlay | peak: min / median / max | peak / typical | area % | concentration % |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (transform, row) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            Console.WriteLine($"| {transform} | {row.Peak.Count} | {row.Overlays} | {Spread(row.Peak, "0.0")} | {Spread(row.Ratio, "0.0")} | {Spread(row.Area, "0.0")} | {Spread(row.Concentration, "0")} |");
        if (flaggedOriginals.Count > 0) Console.WriteLine($"\nOriginals found carrying an overlay: {string.Join("; ", flaggedOriginals)}");
    }

    private static string Spread(List<double> values, string format)
    {
        if (values.Count == 0) return "-";
        var sorted = values.Order().ToList();
        string F(double v) => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        return $"{F(sorted[0])} / {F(sorted[sorted.Count / 2])} / {F(sorted[^1])}";
    }

    [GeneratedRegex(@"[0-9]+([.,x][0-9]+)*")]
    private static partial Regex Numbers();
}
