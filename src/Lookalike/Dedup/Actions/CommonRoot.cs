namespace Lookalike.Dedup.Actions;

/// <summary>The deepest folder that contains every one of a set of absolute file paths.</summary>
public static class CommonRoot
{
    public static string Of(IEnumerable<string> files)
    {
        string[]? common = null;
        foreach (var file in files)
        {
            var folders = Path.GetDirectoryName(Path.GetFullPath(file))!.Split(Path.DirectorySeparatorChar);
            if (common == null)
            {
                common = folders;
                continue;
            }
            var shared = 0;
            while (shared < common.Length && shared < folders.Length && common[shared] == folders[shared]) shared++;
            common = common[..shared];
        }
        if (common == null) throw new ArgumentException("no files", nameof(files));
        var root = string.Join(Path.DirectorySeparatorChar, common);
        return root.Length == 0 ? Path.DirectorySeparatorChar.ToString() : root;
    }
}
