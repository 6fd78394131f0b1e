namespace Lookalike.Fingerprints.Embeddings;

/// <summary>A model folder, manifest or ONNX file that cannot be used; the message names the file (exit code 5).</summary>
public sealed class ModelException : LookalikeException
{
    public ModelException(string message) : base(message) { }
    public ModelException(string message, Exception inner) : base(message, inner) { }
}
