namespace Lookalike.Tests.Support;

/// <summary>The small images in TestData/ and throwaway folders to copy them into.</summary>
internal static class TestFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);

    /// <summary>../shared/photos beside the checkout (the 114 real photos).</summary>
    public static string SharedPhotos => Shared("photos");

    /// <summary>../shared/pdq beside the checkout (the PDQ reference's test images).</summary>
    public static string SharedPdq => Shared("pdq");

    /// <summary>shared/FOLDER beside the checkout, or beside a folder above it (a worktree kept one level deeper).</summary>
    private static string Shared(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Lookalike.slnx"))) continue;
            var nearest = System.IO.Path.Combine(dir.FullName, "..", "shared", folder);
            for (var above = dir.Parent; above != null; above = above.Parent)
            {
                var candidate = System.IO.Path.Combine(above.FullName, "shared", folder);
                if (Directory.Exists(candidate)) return System.IO.Path.GetFullPath(candidate);
            }
            return System.IO.Path.GetFullPath(nearest);
        }
        throw new InvalidOperationException("Tests must run from inside the checkout.");
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
