namespace Lookalike.Fingerprints.Embeddings;

/// <summary>How an embedder runs: batch size, CPU threads and the execution provider.</summary>
public sealed record EmbedderOptions
{
    /// <summary>Images per inference call.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>ONNX Runtime intra-op threads; 0 lets ONNX Runtime use one per core.</summary>
    public int Threads { get; init; }
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Cpu;
    /// <summary>Let ONNX Runtime's idle intra-op threads spin waiting for work: faster alone, but on cores shared with decoders
    /// the spinning takes CPU the decoders need.</summary>
    public bool SpinWait { get; init; } = true;

    /// <summary>How the indexer runs the model beside its decoders (chosen with <c>bench index-throughput --sweep</c>; see
    /// docs/indexing-throughput.md): one inference thread, the decoders keep the other cores busy.</summary>
    public static EmbedderOptions Indexing { get; } = new() { Threads = 1, BatchSize = 16, SpinWait = false };
}

public enum ExecutionDevice { Cpu, Cuda }
