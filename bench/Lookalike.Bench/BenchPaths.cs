namespace Lookalike.Bench;

/// <summary>Where benchmarks find the shared test photos (../shared/photos beside the checkout, or
/// $LOOKALIKE_SHARED/photos).</summary>
internal static class BenchPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>shared/photos: under $LOOKALIKE_SHARED when set, else ../shared beside the checkout, or shared/ beside a
    /// folder further up (a nested worktree).</summary>
    public static string SharedPhotos { get; } = FindSharedPhotos();

    private static string FindSharedPhotos()
    {
        if (Environment.GetEnvironmentVariable("LOOKALIKE_SHARED") is { Length: > 0 } shared) return Path.GetFullPath(Path.Combine(shared, "photos"));
        for (var up = Directory.GetParent(RepoRoot); up != null; up = up.Parent)
            if (Directory.Exists(Path.Combine(up.FullName, "shared", "photos"))) return Path.Combine(up.FullName, "shared", "photos");
        return Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "photos"));
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lookalike.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmarks from inside the Lookalike checkout.");
    }
}
