namespace Lookalike.Dedup.Actions;

/// <summary>What <see cref="DedupActionRunner.Run"/> did: the manifest records of the files acted on, and the files left alone.</summary>
public sealed record ActionOutcome(string ActionId, DedupAction Action, IReadOnlyList<FileActed> Done, IReadOnlyList<SkippedFile> Skipped);

/// <summary>What <see cref="DedupActionRunner.Undo"/> put back, and what it could not (with reasons naming the files).</summary>
public sealed record UndoOutcome(string ActionId, IReadOnlyList<string> Restored, IReadOnlyList<SkippedFile> Skipped);
