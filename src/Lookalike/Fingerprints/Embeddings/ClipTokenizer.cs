using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// CLIP's byte-level BPE tokenizer (openai/CLIP simple_tokenizer.py, also open_clip's): text is
/// HTML-unescaped, whitespace-collapsed and lower-cased here, then split by CLIP's pattern, byte-mapped, marked
/// with <c>&lt;/w&gt;</c> at word ends and merged by rank by Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>
/// (it reproduces every known-answer case of ClipTokenizerTests). Token ids: 256 byte characters, the same 256 with
/// <c>&lt;/w&gt;</c>, one per merge, then <c>&lt;|startoftext|&gt;</c> and <c>&lt;|endoftext|&gt;</c>, as CLIP builds
/// its vocabulary from the merges file. (ftfy's mojibake repair is not reproduced.)
/// </summary>
public sealed partial class ClipTokenizer : ITextTokenizer
{
    /// <summary>CLIP reads this many merges from bpe_simple_vocab_16e6.txt (49152 - 256 - 2); the file holds more.</summary>
    public const int MaxMerges = 49152 - 256 - 2;
    private const string EndOfWord = "</w>";

    private readonly BpeTokenizer _bpe;

    /// <param name="merges">Merge rules in rank order, each "left right".</param>
    public ClipTokenizer(IEnumerable<string> merges)
    {
        var byteVocabulary = ByteVocabulary();
        var vocabulary = new List<string>(byteVocabulary);
        vocabulary.AddRange(byteVocabulary.Select(c => c + EndOfWord));
        var rules = merges.Take(MaxMerges).ToList();
        for (int rank = 0; rank < rules.Count; rank++)
        {
            var parts = rules[rank].Split(' ');
            if (parts.Length != 2) throw new FormatException($"Merge rule {rank + 1} is not 'left right': '{rules[rank]}'.");
            vocabulary.Add(parts[0] + parts[1]);
        }
        StartOfText = vocabulary.Count;
        EndOfText = vocabulary.Count + 1;
        VocabularySize = vocabulary.Count + 2;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++) ids.TryAdd(vocabulary[i], i);
        var special = new Dictionary<string, int> { ["<|startoftext|>"] = StartOfText, ["<|endoftext|>"] = EndOfText };
        _bpe = BpeTokenizer.Create(new BpeOptions(ids)
        {
            Merges = rules,
            ByteLevel = true,
            EndOfWordSuffix = EndOfWord,
            PreTokenizer = new RegexPreTokenizer(Pattern(), special),
            SpecialTokens = special,
        });
    }

    /// <summary>Reads a merges file (CLIP's bpe_simple_vocab_16e6.txt, optionally gzipped): first line is a header.</summary>
    public static ClipTokenizer FromFile(string path)
    {
        if (!File.Exists(path)) throw new ModelException($"{path}: tokenizer merges file not found.");
        using Stream raw = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(input, Encoding.UTF8);
        var lines = new List<string>();
        reader.ReadLine(); // "#version: 0.2"
        while (reader.ReadLine() is { } line && lines.Count < MaxMerges)
            if (line.Length > 0) lines.Add(line);
        try { return new ClipTokenizer(lines); }
        catch (FormatException e) { throw new ModelException($"{path}: {e.Message}", e); }
    }

    public int StartOfText { get; }
    public int EndOfText { get; }
    public int VocabularySize { get; }

    /// <summary>
    /// Token ids for a model input of <paramref name="contextLength"/>: start token, the text, end token,
    /// zero padding. Too long a text is cut and still ends with the end token (open_clip's truncation).
    /// </summary>
    public int[] Tokenize(string text, int contextLength = 77)
    {
        var ids = new List<int> { StartOfText };
        ids.AddRange(Encode(text));
        ids.Add(EndOfText);
        if (ids.Count > contextLength)
        {
            ids.RemoveRange(contextLength, ids.Count - contextLength);
            ids[^1] = EndOfText;
        }
        var result = new int[contextLength];
        ids.CopyTo(result);
        return result;
    }

    /// <summary>The BPE ids of <paramref name="text"/>, without start/end tokens.</summary>
    public List<int> Encode(string text) => [.. _bpe.EncodeToIds(Clean(text))];

    /// <summary>CLIP's basic_clean + whitespace_clean + lower().</summary>
    internal static string Clean(string text)
    {
        text = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)).Trim();
        return Whitespace().Replace(text, " ").Trim().ToLowerInvariant();
    }

    /// <summary>
    /// GPT-2/CLIP bytes_to_unicode in vocabulary order: printable bytes stand for themselves (first), the others
    /// for 256, 257, ... in ascending byte order.
    /// </summary>
    private static string[] ByteVocabulary()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToList();
        var others = Enumerable.Range(0, 256).Except(printable).ToList();
        return [.. printable.Select(b => ((char)b).ToString()), .. others.Select((_, i) => ((char)(256 + i)).ToString())];
    }

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
