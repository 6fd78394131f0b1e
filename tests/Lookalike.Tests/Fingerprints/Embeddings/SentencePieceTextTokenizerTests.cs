using System.Text.Json;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>
/// The SigLIP text path: Microsoft.ML.Tokenizers' SentencePiece against Google's sentencepiece (python3-sentencepiece)
/// on small models trained at test time (Unigram, as SigLIP's, and BPE), then SigLIP's framing (end id, cut, pad).
/// </summary>
public sealed class SentencePieceTextTokenizerTests
{
    private static readonly string Script = Path.Combine(EmbeddingTestPaths.ModelScripts, "make_test_spm.py");

    private static readonly string[] Texts =
    [
        "a photo of a cat", "Two dogs, playing in the SNOW!", "the_quick brown fox", "zebra xylophone quartz",
        "mountains   under a clear blue sky", "café au lait",
    ];

    [Theory]
    [InlineData("unigram")]
    [InlineData("bpe")]
    public void PiecesMatchGooglesSentencePiece(string type)
    {
        using var folder = new TempFolder();
        var model = folder["spiece.model"];
        PythonScript.Run(Script, model, "--type", type);
        var tokenizer = SentencePieceTextTokenizer.FromFile(model);
        var canonical = Texts.Select(SentencePieceTextTokenizer.Canonicalize).ToArray();
        var reference = JsonSerializer.Deserialize<int[][]>(PythonScript.Run(Script, [model, "--encode", .. canonical]))!;

        for (int i = 0; i < Texts.Length; i++)
        {
            var ids = tokenizer.Tokenize(Texts[i], 64);
            int end = Array.IndexOf(ids, tokenizer.EndOfSentence);
            Assert.True(reference[i].SequenceEqual(ids[..end]), $"'{canonical[i]}': ours [{string.Join(",", ids[..end])}] reference [{string.Join(",", reference[i])}]");
        }
    }

    [Fact]
    public void CanonicalizesLikeOpenClip()
    {
        Assert.Equal("two dogs playing in the snow", SentencePieceTextTokenizer.Canonicalize("  Two dogs,  playing in the SNOW! "));
        Assert.Equal("the quick brownfox", SentencePieceTextTokenizer.Canonicalize("the_quick brown-fox"));
    }

    [Fact]
    public void EndsWithTheEndIdPadsWithItAndKeepsItWhenCut()
    {
        using var folder = new TempFolder();
        var model = folder["spiece.model"];
        PythonScript.Run(Script, model);
        var tokenizer = SentencePieceTextTokenizer.FromFile(model);
        Assert.Equal(1, tokenizer.EndOfSentence); // SigLIP's layout: pad 0, eos 1, unk 2

        var ids = tokenizer.Tokenize("a photo of a cat", 16);
        int pieces = Array.IndexOf(ids, 1);
        Assert.True(pieces > 0);
        Assert.All(ids[pieces..], id => Assert.Equal(1, id)); // padded with the end id, as SigLIP
        Assert.Equal(0, SentencePieceTextTokenizer.FromFile(model, padId: 0).Tokenize("a photo", 8)[^1]);

        var cut = tokenizer.Tokenize(string.Join(' ', Enumerable.Repeat("mountains covered with snow", 20)), 12);
        Assert.Equal(12, cut.Length);
        Assert.Equal(1, cut[^1]);
        Assert.DoesNotContain(1, cut[..^1]);
    }
}
