namespace Lookalike.Fingerprints.Embeddings;

/// <summary>A model folder, manifest or ONNX file that cannot be used; the message names the file.</summary>
public sealed class ModelException : Exception
{
    public ModelException(string message) : base(message) { }
    public ModelException(string message, Exception inner) : base(message, inner) { }
}
