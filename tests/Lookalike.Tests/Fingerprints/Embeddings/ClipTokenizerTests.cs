using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Tests.Fingerprints.Embeddings;

public sealed class ClipTokenizerTests
{
    private static readonly ClipTokenizer Tokenizer = new(ClipTokenizerFixture.Merges);
    private const int Start = 517, End = 518; // 512 + 5 merges, then start, end

    [Fact]
    public void SpecialTokensFollowTheMerges()
    {
        Assert.Equal(Start, Tokenizer.StartOfText);
        Assert.Equal(End, Tokenizer.EndOfText);
        Assert.Equal(ClipTokenizerFixture.VocabularySize, Tokenizer.VocabularySize);
    }

    [Fact]
    public void MergesApplyByRankAndMarkWordEnds()
    {
        // "the": t h e</w> -> (t,h) rank 0 -> th e</w> -> rank 1 -> "the</w>" = 513.
        // "cat": c a t</w> -> (c,a) rank 2 -> ca t</w> -> rank 3 -> "cat</w>" = 515.
        // "!": printable byte 0 of the byte table; as a word end it is 256 + 0.
        Assert.Equal([513, 515, 256], Tokenizer.Encode("the cat!"));
    }

    [Fact]
    public void UnmergeableWordsFallBackToByteTokens()
    {
        // "tac": t a c</w>, no rule matches: 't' = byte index 't'-'!' = 83, 'a' = 64, "c</w>" = 256 + 66.
        Assert.Equal([83, 64, 256 + 66], Tokenizer.Encode("tac"));
    }

    [Fact]
    public void LowerCasesCollapsesWhitespaceAndUnescapesHtml()
    {
        Assert.Equal(Tokenizer.Encode("the cat"), Tokenizer.Encode("  THE \t\n  Cat "));
        Assert.Equal("the & cat", ClipTokenizer.Clean("The &amp;amp; CAT"));
    }

    [Fact]
    public void SplitsContractionsDigitsAndPunctuation()
    {
        // "it's 42" -> it | 's | 4 | 2 ; "'s" is one piece: "'" (6) then "s</w>" (256 + 82).
        var ids = Tokenizer.Encode("it's 42");
        Assert.Equal([72, 256 + 83, 6, 256 + 82, 256 + 19, 256 + 17], ids);
    }

    [Fact]
    public void NonAsciiIsEncodedByteByByte()
    {
        // "é" is UTF-8 C3 A9: both bytes are printable in the byte table (¡..¬ and ®..ÿ ranges).
        int a9 = 94 + (0xA9 - 0xA1); // after the 94 ASCII printables come ¡..¬
        int c3 = 94 + 12 + (0xC3 - 0xAE); // then ®..ÿ
        Assert.Equal([c3, 256 + a9], Tokenizer.Encode("é"));
    }

    [Fact]
    public void TokenizeAddsStartEndAndPadsToContext()
    {
        Assert.Equal([Start, 513, 515, End, 0, 0, 0, 0], Tokenizer.Tokenize("the cat", 8));
    }

    [Fact]
    public void TokenizeTruncatesAndKeepsTheEndToken()
    {
        var ids = Tokenizer.Tokenize("the cat the cat the cat", 5);
        Assert.Equal([Start, 513, 515, 513, End], ids);
    }

    [Fact]
    public void MergesFileSkipsItsHeader()
    {
        var path = Path.GetTempFileName();
        try
        {
            ClipTokenizerFixture.WriteMerges(path);
            Assert.Equal(Tokenizer.Tokenize("the cat"), ClipTokenizer.FromFile(path).Tokenize("the cat"));
        }
        finally { File.Delete(path); }
    }
}
