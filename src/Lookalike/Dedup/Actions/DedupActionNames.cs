namespace Lookalike.Dedup.Actions;

/// <summary>The spelling of <see cref="DedupAction"/> on the command line and in the manifest: report, move-to-trash, hardlink, symlink, delete.</summary>
public static class DedupActionNames
{
    public static string Of(DedupAction action) => action switch
    {
        DedupAction.Report => "report",
        DedupAction.MoveToTrash => "move-to-trash",
        DedupAction.Hardlink => "hardlink",
        DedupAction.Symlink => "symlink",
        DedupAction.Delete => "delete",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static bool TryParse(string name, out DedupAction action)
    {
        foreach (var candidate in Enum.GetValues<DedupAction>())
        {
            if (Of(candidate) != name.ToLowerInvariant()) continue;
            action = candidate;
            return true;
        }
        action = default;
        return false;
    }
}
