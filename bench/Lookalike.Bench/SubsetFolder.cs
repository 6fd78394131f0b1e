namespace Lookalike.Bench;

/// <summary>Every k-th file of a folder (in path order, subfolders kept) copied into a temp folder, deleted on dispose: a
/// benchmark's smaller set of the same kind of files, for runs that must stay short on a loaded machine.</summary>
internal sealed class SubsetFolder : IDisposable
{
    private SubsetFolder(string path, int step) => (Path, Step) = (path, step);

    public string Path { get; }

    /// <summary>One file of every this many is kept.</summary>
    public int Step { get; }

    public static SubsetFolder Of(string source, int about)
    {
        var (files, step) = EveryKth(Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList(), about);
        var target = Directory.CreateTempSubdirectory("lookalike-bench-subset").FullName;
        foreach (var file in files)
        {
            var copy = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return new SubsetFolder(target, step);
    }

    /// <summary>Every k-th item, k chosen so that about <paramref name="about"/> are kept (all when there are fewer).</summary>
    public static (List<T> Kept, int Step) EveryKth<T>(IReadOnlyList<T> items, int about)
    {
        var step = Math.Max(1, items.Count / Math.Max(1, about));
        return (items.Where((_, i) => i % step == 0).ToList(), step);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
