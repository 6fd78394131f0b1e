namespace Lookalike.Tests.Support;

/// <summary>The small images in TestData/ and throwaway folders to copy them into.</summary>
internal static class TestFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);

    /// <summary>
    /// ../shared/photos beside the checkout (the 114 real photos), or shared/photos beside a folder further up
    /// (a worktree one level deeper than the clone CI makes).
    /// </summary>
    public static string SharedPhotos
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Lookalike.slnx")))
                {
                    for (var up = dir.Parent; up != null; up = up.Parent)
                        if (Directory.Exists(System.IO.Path.Combine(up.FullName, "shared", "photos")))
                            return System.IO.Path.Combine(up.FullName, "shared", "photos");
                    return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "photos"));
                }
            throw new InvalidOperationException("Tests must run from inside the checkout.");
        }
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lookalike-test-" + Guid.NewGuid().ToString("N")[..12]);

    public string this[string relative] => Path.Combine(Root, relative);

    /// <summary>Copies TestData files in, optionally under new names ("source=target").</summary>
    public TempFolder With(params string[] names)
    {
        foreach (var name in names)
        {
            var parts = name.Split('=');
            var target = this[parts.Length > 1 ? parts[1] : parts[0]];
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(TestFiles.Path(parts[0]), target);
        }
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
