using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// CLIP's byte-level BPE tokenizer (openai/CLIP simple_tokenizer.py, also open_clip's): text is
/// HTML-unescaped, whitespace-collapsed and lower-cased, split by CLIP's pattern, each piece's UTF-8 bytes
/// mapped to printable characters, the last one marked with <c>&lt;/w&gt;</c>, and merged by rank.
/// Token ids: 256 byte characters, the same 256 with <c>&lt;/w&gt;</c>, one per merge, then
/// <c>&lt;|startoftext|&gt;</c> and <c>&lt;|endoftext|&gt;</c>. (ftfy's mojibake repair is not reproduced.)
/// </summary>
public sealed partial class ClipTokenizer
{
    /// <summary>CLIP reads this many merges from bpe_simple_vocab_16e6.txt (49152 - 256 - 2); the file holds more.</summary>
    public const int MaxMerges = 49152 - 256 - 2;
    private const string EndOfWord = "</w>";

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), int> _ranks = new();
    private readonly string[] _byteChars;
    private readonly Dictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    /// <param name="merges">Merge rules in rank order, each "left right".</param>
    public ClipTokenizer(IEnumerable<string> merges)
    {
        (_byteChars, var byteVocabulary) = ByteTable();
        var vocabulary = new List<string>(byteVocabulary);
        vocabulary.AddRange(byteVocabulary.Select(c => c + EndOfWord));
        int rank = 0;
        foreach (var line in merges.Take(MaxMerges))
        {
            var parts = line.Split(' ');
            if (parts.Length != 2) throw new FormatException($"Merge rule {rank + 1} is not 'left right': '{line}'.");
            _ranks[(parts[0], parts[1])] = rank++;
            vocabulary.Add(parts[0] + parts[1]);
        }
        vocabulary.Add("<|startoftext|>");
        vocabulary.Add("<|endoftext|>");
        for (int i = 0; i < vocabulary.Count; i++) _ids.TryAdd(vocabulary[i], i);
        StartOfText = vocabulary.Count - 2;
        EndOfText = vocabulary.Count - 1;
        VocabularySize = vocabulary.Count;
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
    public List<int> Encode(string text)
    {
        var ids = new List<int>();
        foreach (Match piece in Pattern().Matches(Clean(text)))
        {
            var chars = string.Concat(Encoding.UTF8.GetBytes(piece.Value).Select(b => _byteChars[b]));
            ids.AddRange(Bpe(chars));
        }
        return ids;
    }

    /// <summary>CLIP's basic_clean + whitespace_clean + lower().</summary>
    internal static string Clean(string text)
    {
        text = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)).Trim();
        return Whitespace().Replace(text, " ").Trim().ToLowerInvariant();
    }

    private int[] Bpe(string token)
    {
        lock (_cache)
            if (_cache.TryGetValue(token, out var cached)) return cached;
        // Split into characters (surrogate pairs cannot occur: every char comes from the byte table).
        var word = token.Select(c => c.ToString()).ToList();
        word[^1] += EndOfWord;
        while (word.Count > 1)
        {
            int best = -1, bestRank = int.MaxValue;
            for (int i = 0; i < word.Count - 1; i++)
                if (_ranks.TryGetValue((word[i], word[i + 1]), out var rank) && rank < bestRank) { bestRank = rank; best = i; }
            if (best < 0) break;
            var (left, right) = (word[best], word[best + 1]);
            var merged = new List<string>(word.Count);
            for (int i = 0; i < word.Count; i++)
            {
                if (i < word.Count - 1 && word[i] == left && word[i + 1] == right) { merged.Add(left + right); i++; }
                else merged.Add(word[i]);
            }
            word = merged;
        }
        var ids = word.Select(w => _ids[w]).ToArray();
        lock (_cache) _cache[token] = ids;
        return ids;
    }

    /// <summary>
    /// GPT-2/CLIP bytes_to_unicode: printable bytes stand for themselves, the others for 256, 257, ... in
    /// ascending order. Returns the character per byte and the vocabulary order (printable bytes first).
    /// </summary>
    private static (string[] ByByte, string[] VocabularyOrder) ByteTable()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToList();
        var others = Enumerable.Range(0, 256).Except(printable).ToList();
        var byByte = new string[256];
        foreach (var b in printable) byByte[b] = ((char)b).ToString();
        for (int i = 0; i < others.Count; i++) byByte[others[i]] = ((char)(256 + i)).ToString();
        return (byByte, printable.Concat(others).Select(b => byByte[b]).ToArray());
    }

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
