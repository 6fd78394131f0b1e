namespace Lookalike.Fingerprints.Embeddings;

/// <summary>How an embedder runs: batch size, CPU threads and the execution provider.</summary>
public sealed record EmbedderOptions
{
    /// <summary>Images per inference call.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>ONNX Runtime intra-op threads; 0 lets ONNX Runtime use one per core.</summary>
    public int Threads { get; init; }
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;
}

public enum ExecutionDevice { Cpu, Cuda }
