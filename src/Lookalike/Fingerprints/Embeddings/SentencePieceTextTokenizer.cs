using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// SigLIP's text tokenizer: open_clip's "canonicalize" cleaning (underscores to spaces, ASCII punctuation removed,
/// lower-cased, whitespace collapsed), then the SentencePiece model (Microsoft.ML.Tokenizers' SentencePieceTokenizer,
/// Unigram or BPE), the end-of-sentence id appended, cut to the context with the end id kept, padded with the pad id
/// (as Hugging Face's tokenizer with padding="max_length", truncation=True does; SigLIP pads with its end id).
/// </summary>
public sealed partial class SentencePieceTextTokenizer : ITextTokenizer
{
    private readonly SentencePieceTokenizer _model;
    private readonly int _pad;

    /// <param name="padId">Padding id; null: the model's end-of-sentence id.</param>
    public SentencePieceTextTokenizer(Stream model, int? padId = null)
    {
        _model = SentencePieceTokenizer.Create(model, addBeginningOfSentence: false, addEndOfSentence: false);
        _pad = padId ?? _model.EndOfSentenceId;
    }

    public static SentencePieceTextTokenizer FromFile(string path, int? padId = null)
    {
        if (!File.Exists(path)) throw new ModelException($"{path}: SentencePiece model not found.");
        try
        {
            using var stream = new MemoryStream(WithoutNegativeBosId(File.ReadAllBytes(path)));
            return new SentencePieceTextTokenizer(stream, padId);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IOException or IndexOutOfRangeException)
        {
            throw new ModelException($"{path}: not a SentencePiece model ({e.Message}).", e);
        }
    }

    public int VocabularySize => _model.Vocabulary.Count;

    public int EndOfSentence => _model.EndOfSentenceId;

    public int[] Tokenize(string text, int contextLength)
    {
        var pieces = _model.EncodeToIds(Canonicalize(text));
        var ids = new int[contextLength];
        Array.Fill(ids, _pad);
        int kept = Math.Min(pieces.Count, contextLength - 1);
        for (int i = 0; i < kept; i++) ids[i] = pieces[i];
        ids[kept] = _model.EndOfSentenceId;
        return ids;
    }

    /// <summary>
    /// Microsoft.ML.Tokenizers 2.0.1 cannot load a Unigram model that has no BOS piece (trainer_spec.bos_id = -1, as
    /// T5-style models have): its constructor throws IndexOutOfRangeException. No BOS is ever emitted here, so a copy
    /// of the model proto with bos_id set to the unk id loads and encodes the same.
    /// </summary>
    internal static byte[] WithoutNegativeBosId(byte[] model)
    {
        const int TrainerSpec = 2, UnkId = 40, BosId = 41;
        var output = new MemoryStream(model.Length);
        int at = 0;
        while (at < model.Length)
        {
            int start = at;
            var (field, wire) = ReadTag(model, ref at);
            SkipValue(model, ref at, wire, out int valueStart);
            if (field != TrainerSpec || wire != 2) { output.Write(model, start, at - start); continue; }
            // Rewrite the trainer spec without a negative bos_id, then with bos_id = unk_id.
            var spec = model.AsSpan(valueStart, at - valueStart).ToArray();
            var rewritten = new MemoryStream(spec.Length + 4);
            long unk = 0;
            bool negativeBos = false;
            for (int i = 0; i < spec.Length;)
            {
                int fieldStart = i;
                var (inner, innerWire) = ReadTag(spec, ref i);
                int valueAt = i;
                SkipValue(spec, ref i, innerWire, out _);
                if (inner == UnkId && innerWire == 0) { int j = valueAt; unk = (long)ReadVarint(spec, ref j); }
                if (inner == BosId && innerWire == 0) { int j = valueAt; if ((long)ReadVarint(spec, ref j) < 0) { negativeBos = true; continue; } }
                rewritten.Write(spec, fieldStart, i - fieldStart);
            }
            if (negativeBos) { WriteVarint(rewritten, (BosId << 3) | 0); WriteVarint(rewritten, (ulong)unk); }
            WriteVarint(output, (TrainerSpec << 3) | 2);
            WriteVarint(output, (ulong)rewritten.Length);
            rewritten.WriteTo(output);
        }
        return output.ToArray();
    }

    private static (int Field, int Wire) ReadTag(byte[] data, ref int at)
    {
        var tag = ReadVarint(data, ref at);
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    private static void SkipValue(byte[] data, ref int at, int wire, out int valueStart)
    {
        switch (wire)
        {
            case 0: valueStart = at; ReadVarint(data, ref at); break;
            case 1: valueStart = at; at += 8; break;
            case 2: { int length = (int)ReadVarint(data, ref at); valueStart = at; at += length; break; }
            case 5: valueStart = at; at += 4; break;
            default: throw new FormatException($"unsupported protobuf wire type {wire}");
        }
        if (at > data.Length) throw new FormatException("truncated protobuf");
    }

    private static ulong ReadVarint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length) throw new FormatException("truncated protobuf varint");
            byte b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("protobuf varint too long");
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80) { output.WriteByte((byte)(value | 0x80)); value >>= 7; }
        output.WriteByte((byte)value);
    }

    /// <summary>open_clip tokenizer.py canonicalize_text.</summary>
    internal static string Canonicalize(string text)
    {
        text = AsciiPunctuation().Replace(text.Replace('_', ' '), "");
        return Whitespace().Replace(text.ToLowerInvariant(), " ").Trim();
    }

    [GeneratedRegex("""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")]
    private static partial Regex AsciiPunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
