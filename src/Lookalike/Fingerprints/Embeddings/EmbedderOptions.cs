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

    /// <summary>How the indexer and the CLI run the model beside the decoders, chosen with <c>bench index-throughput --sweep</c>
    /// (docs/indexing-throughput.md): one inference thread, as the decoders keep the cores busy; batches of one image, which cost
    /// the least CPU per image for the default model (its activations stay in cache: 4.1 ms at 1, 5.9 ms at 16, 6.6 ms at 32).</summary>
    public static EmbedderOptions Indexing { get; } = new() { Threads = 1, BatchSize = 1, SpinWait = false };
}

public enum ExecutionDevice { Cpu, Cuda }
