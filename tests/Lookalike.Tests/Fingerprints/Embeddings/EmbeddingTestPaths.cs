namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>Locations the embedding tests need, found from the checkout the tests run in.</summary>
internal static class EmbeddingTestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestData => Path.Combine(RepoRoot, "tests", "Lookalike.Tests", "Fingerprints", "Embeddings", "TestData");
    public static string ModelScripts => Path.Combine(RepoRoot, "scripts", "models");
    public static string NsfwjsDump => Path.Combine(RepoRoot, ".deps", "models", "nsfwjs-mobilenet-v2-dump");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lookalike.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Tests must run inside the Lookalike checkout.");
    }
}
