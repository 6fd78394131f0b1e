using Lookalike.Dedup.Reports;

namespace Lookalike.Dedup.Actions;

/// <summary>The spelling of <see cref="DedupAction"/> on the command line and in the manifest: report, move-to-trash,
/// hardlink, symlink, delete (the framework's kebab-case policy, as in every JSON document).</summary>
public static class DedupActionNames
{
    public static string Of(DedupAction action) => ReportJson.KebabName(action);

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
