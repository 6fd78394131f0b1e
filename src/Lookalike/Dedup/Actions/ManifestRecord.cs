using System.Text.Json.Serialization;

namespace Lookalike.Dedup.Actions;

/// <summary>One line of the trash manifest (JSON lines, append-only).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FileActed), "acted")]
[JsonDerivedType(typeof(FileRestored), "restored")]
[JsonDerivedType(typeof(FileAbandoned), "abandoned")]
public abstract record ManifestRecord(string ActionId, DateTime TimeUtc);

/// <summary>A duplicate an action is about to move, link or delete (written before it does), with what is needed to put it back exactly.</summary>
/// <param name="TrashPath">Where its original bytes are kept; null for <see cref="DedupAction.Delete"/>.</param>
/// <param name="Sha256">SHA-256 of the duplicate's bytes (verified before acting and before restoring).</param>
/// <param name="ModifiedSeconds">The duplicate's modification time (Unix seconds), restored on undo.</param>
public sealed record FileActed(
    string ActionId,
    DateTime TimeUtc,
    DedupAction Action,
    string Path,
    string? TrashPath,
    string Keeper,
    string KeeperSha256,
    long Size,
    string Sha256,
    long ModifiedSeconds,
    uint ModifiedNanoseconds) : ManifestRecord(ActionId, TimeUtc);

/// <summary>An undo put <see cref="Path"/> back.</summary>
public sealed record FileRestored(string ActionId, DateTime TimeUtc, string Path) : ManifestRecord(ActionId, TimeUtc);

/// <summary>The action on <see cref="Path"/> failed after its <see cref="FileActed"/> line was written: the file was left as it was.</summary>
public sealed record FileAbandoned(string ActionId, DateTime TimeUtc, string Path, string Reason) : ManifestRecord(ActionId, TimeUtc);
