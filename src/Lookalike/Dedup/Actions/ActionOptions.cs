using Lookalike.Dedup.Decisions;

namespace Lookalike.Dedup.Actions;

/// <summary>How <see cref="DedupActionRunner"/> carries out an action.</summary>
public sealed record ActionOptions
{
    /// <summary>The folders the action may touch files in (given to <c>dupes</c>); a file or keeper whose real path lies
    /// outside all of them is left alone. Required.</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];

    /// <summary>Trash paths keep each file's path relative to this folder; null: the common folder of all files in the plan.</summary>
    public string? Root { get; init; }

    /// <summary>Must be true for <see cref="DedupAction.Delete"/>: the user confirmed deletion explicitly (<c>--delete --yes</c>).</summary>
    public bool DeleteConfirmed { get; init; }

    /// <summary>Remembered decisions: a duplicate marked "keep both" or "not duplicates" against its keeper is left alone.</summary>
    public DecisionSet Decisions { get; init; } = DecisionSet.Empty;
}
