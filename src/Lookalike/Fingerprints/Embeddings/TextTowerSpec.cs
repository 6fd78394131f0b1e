namespace Lookalike.Fingerprints.Embeddings;

/// <summary>The optional text tower of a CLIP-style model and its tokenizer.</summary>
public sealed record TextTowerSpec
{
    public required string File { get; init; }
    public string InputName { get; init; } = "input_ids";
    /// <summary>Output to read; null for the model's first output.</summary>
    public string? OutputName { get; init; }
    public TokenizerKind Tokenizer { get; init; } = TokenizerKind.ClipBpe;
    /// <summary>Tokenizer files relative to the model folder (CLIP: the bpe_simple_vocab merges file).</summary>
    public string? MergesFile { get; init; }
    /// <summary>SentencePiece: the .model file (SigLIP's spiece.model), relative to the model folder.</summary>
    public string? SentencePieceFile { get; init; }
    /// <summary>Padding id; null: 0 for CLIP (open_clip), the end-of-sentence id for SentencePiece (SigLIP).</summary>
    public int? PadId { get; init; }
    public int ContextLength { get; init; } = 77;
    /// <summary>Element type of the token input: CLIP ONNX exports differ (int32 or int64).</summary>
    public bool Int32Input { get; init; }
    public required int EmbeddingSize { get; init; }

    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(File)) return "text.file is empty";
        if (ContextLength < 2) return "text.contextLength must be at least 2";
        if (EmbeddingSize <= 0) return "text.embeddingSize must be positive";
        if (Tokenizer == TokenizerKind.ClipBpe && string.IsNullOrWhiteSpace(MergesFile)) return "text.mergesFile is needed for the CLIP tokenizer";
        if (Tokenizer == TokenizerKind.SentencePiece && string.IsNullOrWhiteSpace(SentencePieceFile)) return "text.sentencePieceFile is needed for the SentencePiece tokenizer";
        return null;
    }
}

public enum TokenizerKind { ClipBpe, SentencePiece }
