namespace Lookalike.Bench;

/// <summary>Where benchmarks find the shared test photos (../shared/photos beside the checkout, or
/// $LOOKALIKE_SHARED/photos).</summary>
internal static class BenchPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SharedPhotos => Path.GetFullPath(Path.Combine(
        Environment.GetEnvironmentVariable("LOOKALIKE_SHARED") is { Length: > 0 } shared ? shared : Path.Combine(RepoRoot, "..", "shared"), "photos"));

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lookalike.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmarks from inside the Lookalike checkout.");
    }
}
