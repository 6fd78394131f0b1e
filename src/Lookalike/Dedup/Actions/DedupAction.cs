namespace Lookalike.Dedup.Actions;

/// <summary>What to do with the duplicates of a group (never with its keeper).</summary>
public enum DedupAction
{
    /// <summary>Touch nothing; only say what the other actions would do.</summary>
    Report,

    /// <summary>Move the duplicate into the trash folder, keeping its path relative to the common root.</summary>
    MoveToTrash,

    /// <summary>Keep the duplicate's bytes in the trash, then replace it by a hard link to the keeper.</summary>
    Hardlink,

    /// <summary>Keep the duplicate's bytes in the trash, then replace it by a symbolic link to the keeper (absolute path).</summary>
    Symlink,

    /// <summary>Delete the duplicate for good; not undoable, so it needs <see cref="ActionOptions.DeleteConfirmed"/>.</summary>
    Delete,
}
