namespace Lookalike.Dedup.Actions;

/// <summary>What <see cref="DedupActionRunner.Run"/> did: the manifest records of the files acted on, and the files left alone.</summary>
/// <param name="KeptByDecisions">How many of <paramref name="Skipped"/> the user's decisions kept (the rest the action meant to handle but could not).</param>
public sealed record ActionOutcome(string ActionId, DedupAction Action, IReadOnlyList<FileActed> Done, IReadOnlyList<SkippedFile> Skipped,
    int KeptByDecisions = 0)
{
    /// <summary>Files the action planned to handle and left as they were (changed, outside the folders, a failed move...).</summary>
    public int LeftUndone => Skipped.Count - KeptByDecisions;
}

/// <summary>What <see cref="DedupActionRunner.Undo"/> put back, and what it could not (with reasons naming the files).</summary>
public sealed record UndoOutcome(string ActionId, IReadOnlyList<string> Restored, IReadOnlyList<SkippedFile> Skipped);
