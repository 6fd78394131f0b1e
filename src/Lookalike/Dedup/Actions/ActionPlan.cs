using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;
using Lookalike.Dedup.Keep;

namespace Lookalike.Dedup.Actions;

/// <summary>A duplicate to replace by (or drop in favour of) its group's keeper.</summary>
public sealed record PlannedStep(ImageRecord Duplicate, ImageRecord Keeper);

/// <summary>A file an action left alone, and why (the reason names the file).</summary>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>What an action would do to a set of groups: every duplicate against its keeper, minus those the user decided to keep.</summary>
public sealed record ActionPlan(IReadOnlyList<PlannedStep> Steps, IReadOnlyList<SkippedFile> Skipped)
{
    public static ActionPlan From(IEnumerable<KeepChoice> choices, DecisionSet decisions)
    {
        var steps = new List<PlannedStep>();
        var skipped = new List<SkippedFile>();
        foreach (var choice in choices)
        {
            foreach (var duplicate in choice.Duplicates.Select(d => d.File))
            {
                if (duplicate.Path == choice.Keep.Path) continue; // the same file listed twice is no duplicate
                if (choice.Keep.Damaged)
                {
                    // Keep-best puts intact files first, so every file of this group is damaged: none is fit to keep.
                    skipped.Add(new SkippedFile(duplicate.Path, $"{duplicate.Path}: every file in its group is damaged, so none is kept in its place; left alone"));
                    continue;
                }
                if (decisions.Find(choice.Keep.ContentHash, duplicate.ContentHash) is { } decided)
                    skipped.Add(new SkippedFile(duplicate.Path,
                        $"{duplicate.Path}: marked {DecisionStore.Name(decided.Decision)} with {choice.Keep.Path} on {decided.DecidedUtc:yyyy-MM-dd}; left alone"));
                else
                    steps.Add(new PlannedStep(duplicate, choice.Keep));
            }
        }
        return new ActionPlan(steps, skipped);
    }
}
