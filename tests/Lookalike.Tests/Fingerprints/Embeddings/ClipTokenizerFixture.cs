namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>A tiny CLIP merges file whose results are worked out by hand in ClipTokenizerTests.</summary>
internal static class ClipTokenizerFixture
{
    /// <summary>Ranks 0..4: ids 512..516 ("th", "the&lt;/w&gt;", "ca", "cat&lt;/w&gt;", "ca&lt;/w&gt;").</summary>
    public static readonly string[] Merges = ["t h", "th e</w>", "c a", "ca t</w>", "c a</w>"];

    /// <summary>512 byte tokens + merges + start/end.</summary>
    public static int VocabularySize => 512 + Merges.Length + 2;

    public static void WriteMerges(string path) => File.WriteAllLines(path, ["#version: 0.2", .. Merges]);
}
