namespace Lookalike.Tests.Support;

/// <summary>The small images in TestData/ and throwaway folders to copy them into.</summary>
internal static class TestFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);

    /// <summary>../shared/photos beside the checkout (the 114 real photos).</summary>
    public static string SharedPhotos => Shared("photos");

    /// <summary>../shared/pdq beside the checkout (the PDQ reference's test images).</summary>
    public static string SharedPdq => Shared("pdq");

    /// <summary>../shared/labelled beside the checkout (306 images in 14 classes, LABELS.tsv).</summary>
    public static string SharedLabelled => Shared("labelled");

    /// <summary>shared/NAME in the nearest folder above the checkout that has one (../shared for the main
    /// checkout, ../../shared for a worktree under wt/).</summary>
    private static string Shared(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Lookalike.slnx"))) continue;
            for (var above = dir.Parent; above != null; above = above.Parent)
            {
                var candidate = System.IO.Path.Combine(above.FullName, "shared", name);
                if (Directory.Exists(candidate)) return candidate;
            }
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", name));
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
