using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Decisions;
using Lookalike.Dedup.Keep;
using Lookalike.Dedup.Reports;
using Lookalike.Dedup.Verify;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Dedup;

/// <summary>
/// <c>lookalike dupes</c> as one call: groups the cataloged images below the roots (your decisions applied), chooses
/// each group's keeper, carries out the action, saves the export and returns the report. The catalog must be up to
/// date (see <see cref="Ingest.ImageIndexer"/>); the embedder passed to <see cref="Run"/> names the model whose embeddings are used.
/// </summary>
public static class DuplicateSearch
{
    /// <exception cref="BadInputException">The settings make no sense (checked before anything is touched), or the export cannot be written.</exception>
    public static DuplicateReport Run(ImageCatalog catalog, DuplicateSearchSettings settings, OnnxImageEmbedder? embedder)
    {
        settings.Check(embedder is not null);
        var roots = settings.Roots.Select(r => Path.GetFullPath(r)).ToList();
        var criteria = settings.Criteria(hasModel: embedder is not null);
        var modelKey = embedder is not null && criteria.UsesEmbeddings ? Fingerprinter.KeyOf(embedder.Model) : null;

        var images = catalog.GetImages(roots);
        var embeddings = modelKey is null ? null : catalog.GetEmbeddings(modelKey);
        var decisions = new DecisionStore(catalog).Load();
        var verifier = settings.VerifiesContent ? new PairVerifier() : null;
        var groups = DuplicateFinder.Find(images, catalog.GetHashes(), embeddings, criteria, decisions,
            verifier is null ? null : (a, b) => verifier.Verify(a.Path, b.Path));
        var selector = new KeepBestSelector(settings.Policy(), PictureTraits.TryRead);
        var choices = groups.Select(g => selector.Choose(g.Files.ToList())).ToList();
        var plan = ActionPlan.From(choices, decisions);

        ReportAction? action = null;
        if (settings.Action != DedupAction.Report)
        {
            var trash = settings.TrashDirectory is { } folder ? new TrashFolder(folder) : TrashFolder.ForCatalog(catalog);
            IReadOnlyList<KeepChoice> toAct = choices;
            IReadOnlyList<SkippedFile> notLinked = [];
            if (settings.Action is DedupAction.Hardlink or DedupAction.Symlink && !settings.ForceLink)
                (toAct, notLinked) = LinkTargetCheck.Filter(choices);
            var options = new ActionOptions
            {
                Roots = roots,
                Root = roots.Count == 1 && Directory.Exists(roots[0]) ? roots[0] : null,
                DeleteConfirmed = settings.DeleteConfirmed,
                Decisions = decisions,
            };
            var outcome = new DedupActionRunner(trash, ManifestSeal.ForCatalog(catalog)).Run(toAct, settings.Action, options);
            action = new ReportAction(outcome.ActionId, outcome.Action, settings.Action == DedupAction.Delete ? null : trash.Root,
                outcome.Done.Select(d => new ReportActed(d.Path, d.Keeper, d.TrashPath)).ToList(),
                [.. notLinked, .. outcome.Skipped], outcome.LeftUndone + notLinked.Count);
        }

        var summary = new ReportSummary(
            images.Count,
            groups.Count,
            choices.Sum(c => c.Duplicates.Count + 1),
            plan.Steps.Count,
            ReclaimableBytes(plan),
            plan.Skipped.Count,
            settings.Method,
            Limits(settings.Method, criteria, modelKey, verifier is not null),
            verifier?.Cost is { } cost ? new ReportVerifier(cost.Files, cost.Pairs, Math.Round(cost.MicrosecondsPerFile), Math.Round(cost.MicrosecondsPerPair)) : null);
        var report = new DuplicateReport(summary, choices.Select((c, g) => ReportGroup.From(g + 1, c, groups[g],
            groups[g].Evidence.Select(e => new ReportEvidence(EvidenceName(e.Evidence, criteria), e.Count, e.MinDistance, e.MaxDistance)).ToList())).ToList(), action);
        if (settings.ExportPath is { } export) report.Save(export);
        return report;
    }

    /// <summary>The evidence as users know it: the hash's name, "turned-phash" or "embedding".</summary>
    private static string EvidenceName(MatchEvidence evidence, DuplicateCriteria criteria) => evidence switch
    {
        MatchEvidence.Hash => criteria.Hash.ToString().ToLowerInvariant(),
        MatchEvidence.TurnedPHash => "turned-phash",
        _ => DuplicateSearchSettings.Embedding,
    };

    private static ReportLimits Limits(string method, DuplicateCriteria c, string? model, bool verified)
    {
        var hash = c.Hash.ToString().ToLowerInvariant();
        var parts = new[]
        {
            c.HashMaxDistance is { } h ? $"{hash} distance <= {h}" : null,
            c.TurnedMaxDistance is { } t ? $"turned pHash distance <= {t}" : null,
            c.EmbeddingRules.Count > 0
                ? "embedding " + string.Join(" or ", c.EmbeddingRules.Select(r => $"cosine >= {r.MinSimilarity:0.###}" + (r.MaxPHashDistance is { } g ? $" with pHash <= {g}" : "")))
                : null,
            c.ConfirmMinSimilarity is { } f ? $"hash links need cosine >= {f:0.###}" : null,
            verified ? "candidate pairs of wider limits judged by the content verifier" : null,
        }.OfType<string>();
        return new ReportLimits(
            c.HashMaxDistance is null ? null : hash,
            c.HashMaxDistance,
            c.TurnedMaxDistance,
            c.EmbeddingRules.Select(r => new ReportEmbeddingRule(r.MinSimilarity, r.MaxPHashDistance)).ToList(),
            c.ConfirmMinSimilarity,
            model,
            $"{method} ({string.Join(", ", parts)})");
    }

    /// <summary>The bytes the duplicates hold that no keeper shares: each file counted once, hard links of a keeper
    /// (or of a duplicate already counted) not at all.</summary>
    private static long ReclaimableBytes(ActionPlan plan)
    {
        var fs = LinuxFileSystemCalls.Instance;
        var keepers = plan.Steps.Select(s => fs.Status(s.Keeper.Path)).OfType<FileStatus>().Select(s => (s.Device, s.Inode)).ToHashSet();
        var counted = new HashSet<(ulong, ulong)>();
        long bytes = 0;
        foreach (var step in plan.Steps)
        {
            if (fs.Status(step.Duplicate.Path) is not { IsSymbolicLink: false } status) continue; // gone, or a link taking no space
            if (keepers.Contains((status.Device, status.Inode)) || !counted.Add((status.Device, status.Inode))) continue;
            bytes += status.Size;
        }
        return bytes;
    }
}
