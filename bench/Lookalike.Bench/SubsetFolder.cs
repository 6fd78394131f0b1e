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
        var files = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var step = Math.Max(1, files.Count / Math.Max(1, about));
        var target = Directory.CreateTempSubdirectory("lookalike-bench-subset").FullName;
        foreach (var file in files.Where((_, i) => i % step == 0))
        {
            var copy = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return new SubsetFolder(target, step);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
