namespace Lookalike.Files;

/// <summary>
/// A file that marks a folder as Lookalike's own (the trash), so scanning never indexes what is inside it, wherever it
/// lies: with <c>--db photos</c> the trash is <c>photos/trash</c>, inside the folder being indexed.
/// </summary>
public static class NotIndexedMarker
{
    public const string FileName = ".lookalike-not-indexed";

    public static bool IsMarked(string folder) => FileKinds.Of(Path.Combine(folder, FileName), followLinks: true) == FileKind.Regular;

    /// <summary>Creates <paramref name="folder"/> if needed and marks it.</summary>
    public static void Mark(string folder)
    {
        Directory.CreateDirectory(folder);
        var marker = Path.Combine(folder, FileName);
        if (!File.Exists(marker)) File.WriteAllText(marker, "Lookalike keeps files here (its trash); lookalike index and dupes never look inside.\n");
    }
}
