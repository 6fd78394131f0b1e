using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Decisions;
using Lookalike.Dedup.Keep;
using Lookalike.Web.Security;

namespace Lookalike.Web.Review;

/// <summary>What the user did from the review page, in the order done, so "undo" takes back the latest.</summary>
internal abstract record UndoStep
{
    public sealed record Trashed(string ActionId) : UndoStep;

    public sealed record Decided(IReadOnlyList<(string A, string B)> Pairs) : UndoStep;
}

/// <summary>The result of a review action for the page: what moved, what was left alone and why.</summary>
public sealed record ReviewOutcome(string? ActionId, IReadOnlyList<string> Done, IReadOnlyList<string> Skipped, string Message);

/// <summary>
/// The review page's actions. Moving to the trash goes through <see cref="DedupActionRunner"/>, the CLI's own path
/// (manifest, undo, files changed since indexing left alone); decisions go to the catalog's <see cref="DecisionStore"/>.
/// </summary>
public sealed class ReviewService(CatalogHost host, ImageAccess access)
{
    private readonly List<UndoStep> _undo = [];
    private ReviewSnapshot? _snapshot;

    public ReviewSnapshot Snapshot() => host.Use(Current);

    /// <summary>Forget the cached groups (after indexing changed the catalog).</summary>
    public void Invalidate() => host.Use(_ => _snapshot = null);

    /// <summary>Moves the group's other files to the trash, keeping <paramref name="keeperId"/> (default: the suggested keeper).</summary>
    public ReviewOutcome Keep(string key, long? keeperId) => host.Use(catalog =>
    {
        var group = Group(catalog, key);
        var choice = keeperId is null || keeperId == group.Choice.Keep.Id ? group.Choice : Chosen(group, keeperId.Value);
        return Trash(catalog, [choice]);
    });

    /// <summary>Trashes the duplicates of every undecided group at or above <paramref name="minScore"/> (and of
    /// <paramref name="level"/> when given), keeping each suggested keeper, as one action.</summary>
    public ReviewOutcome KeepSuggestedInAll(double minScore, string? level) => host.Use(catalog =>
    {
        var groups = Current(catalog).Groups.Where(g => !g.KeptAll && g.Score >= minScore && (level is null || g.Level == level)).ToList();
        if (groups.Count == 0) return new ReviewOutcome(null, [], [], "No group matches.");
        return Trash(catalog, [.. groups.Select(g => g.Choice)]);
    });

    /// <summary>Remembers "keep both" between the keeper and each duplicate: the group stays listed, no action touches it.</summary>
    public ReviewOutcome KeepAll(string key) => host.Use(catalog =>
    {
        var group = Group(catalog, key);
        var pairs = group.Choice.Duplicates.Select(d => (group.Choice.Keep.ContentHash, d.File.ContentHash)).Distinct().ToList();
        return Decide(catalog, pairs, DuplicateDecision.KeepBoth, $"Keeping all {pairs.Count + 1} files; remembered in the catalog.");
    });

    /// <summary>Remembers "not duplicates" between every two different contents of the group, which splits it up.</summary>
    public ReviewOutcome NotDuplicates(string key) => host.Use(catalog =>
    {
        var hashes = Group(catalog, key).Group.Files.Select(f => f.ContentHash).Distinct().Order(StringComparer.Ordinal).ToList();
        if (hashes.Count < 2) throw new ReviewException("These files are byte-identical: they are duplicates whatever is decided; use 'keep all'.");
        var pairs = hashes.SelectMany((a, i) => hashes.Skip(i + 1).Select(b => (a, b))).ToList();
        return Decide(catalog, pairs, DuplicateDecision.NotDuplicates, "Marked not duplicates; remembered in the catalog.");
    });

    /// <summary>Takes back the latest review action (or, with none this session, the trash's latest undoable action).</summary>
    public ReviewOutcome Undo() => host.Use(catalog =>
    {
        _snapshot = null;
        var step = _undo.Count > 0 ? _undo[^1] : null;
        if (step is not null) _undo.RemoveAt(_undo.Count - 1);
        switch (step)
        {
            case UndoStep.Decided decided:
                var store = new DecisionStore(catalog);
                foreach (var (a, b) in decided.Pairs) store.Forget(a, b);
                return new ReviewOutcome(null, [], [], $"Forgot {decided.Pairs.Count} decision(s).");
            default:
                UndoOutcome outcome;
                try
                {
                    outcome = new DedupActionRunner(host.Trash, ManifestSeal.ForCatalog(catalog)).Undo((step as UndoStep.Trashed)?.ActionId);
                }
                catch (InvalidOperationException e)
                {
                    throw new ReviewException(e.Message);
                }
                return new ReviewOutcome(outcome.ActionId, outcome.Restored, [.. outcome.Skipped.Select(s => s.Reason)],
                    $"Restored {outcome.Restored.Count} file(s)" + (outcome.Skipped.Count > 0 ? $", {outcome.Skipped.Count} left in the trash." : "."));
        }
    });

    private ReviewSnapshot Current(ImageCatalog catalog) => _snapshot ??= ReviewSnapshot.Build(host, access, catalog);

    private ReviewGroup Group(ImageCatalog catalog, string key) =>
        Current(catalog).Find(key) ?? throw new ReviewException("This group changed or is gone since the page showed it: reload.", notFound: true);

    private static KeepChoice Chosen(ReviewGroup group, long keeperId)
    {
        var keeper = group.Group.Files.FirstOrDefault(f => f.Id == keeperId)
            ?? throw new ReviewException($"image {keeperId} is not in this group");
        return new KeepChoice(keeper, "chosen in the review",
            [.. group.Group.Files.Where(f => f.Id != keeperId).Select(f => new DuplicateFile(f, "not chosen in the review"))]);
    }

    private ReviewOutcome Trash(ImageCatalog catalog, IReadOnlyList<KeepChoice> choices)
    {
        var decisions = Current(catalog).Decisions;
        var outcome = new DedupActionRunner(host.Trash, ManifestSeal.ForCatalog(catalog)).Run(choices, DedupAction.MoveToTrash, new ActionOptions { Roots = host.Options.Folders, Decisions = decisions });
        _snapshot = null;
        if (outcome.Done.Count > 0) _undo.Add(new UndoStep.Trashed(outcome.ActionId));
        return new ReviewOutcome(outcome.Done.Count > 0 ? outcome.ActionId : null, [.. outcome.Done.Select(d => d.Path)],
            [.. outcome.Skipped.Select(s => s.Reason)],
            $"Moved {outcome.Done.Count} file(s) to the trash" + (outcome.Skipped.Count > 0 ? $", left {outcome.Skipped.Count} alone." : "."));
    }

    private ReviewOutcome Decide(ImageCatalog catalog, IReadOnlyList<(string A, string B)> pairs, DuplicateDecision decision, string message)
    {
        var store = new DecisionStore(catalog);
        var existing = store.All().Select(d => new ContentPair(d.HashA, d.HashB)).ToHashSet();
        var added = pairs.Where(p => !existing.Contains(new ContentPair(p.A, p.B))).ToList();
        foreach (var (a, b) in pairs) store.Record(a, b, decision);
        _snapshot = null;
        _undo.Add(new UndoStep.Decided(added));
        return new ReviewOutcome(null, [], [], message);
    }
}

/// <summary>A review request that cannot be carried out, with the words to show.</summary>
public sealed class ReviewException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
