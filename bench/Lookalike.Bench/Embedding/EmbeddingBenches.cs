namespace Lookalike.Bench.Embedding;

/// <summary>The embedding benchmarks behind one harness entry: <c>bench embed layers|throughput ...</c>.</summary>
internal static class EmbeddingBenches
{
    public static Task<int> Run(string[] args) => args.FirstOrDefault() switch
    {
        "layers" => LayerChoiceBench.Run(args[1..]),
        "throughput" => EmbeddingThroughputBench.Run(args[1..]),
        "choice" => ModelChoiceBench.Run(args[1..]),
        _ => Usage(),
    };

    private static Task<int> Usage()
    {
        Console.Error.WriteLine("usage: bench embed layers COPIES_DIR MODEL.onnx [--threads N]");
        Console.Error.WriteLine("       bench embed choice COPIES_DIR CACHE_DIR MODEL_DIR... [--threads N]");
        Console.Error.WriteLine("       bench embed throughput [--threads N] [--batch N] [--decoders N] [--repeat N] [--model DIR]");
        return Task.FromResult(2);
    }
}
