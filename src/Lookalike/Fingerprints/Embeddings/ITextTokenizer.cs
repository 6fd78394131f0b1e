namespace Lookalike.Fingerprints.Embeddings;

/// <summary>Text to the fixed-length token ids a text tower takes.</summary>
public interface ITextTokenizer
{
    /// <summary>Ids padded or truncated to <paramref name="contextLength"/>, ending with the family's end token.</summary>
    int[] Tokenize(string text, int contextLength);

    /// <summary>Size of the id range the tokenizer can produce.</summary>
    int VocabularySize { get; }
}
