using Lookalike.Bench;

// One harness, one benchmark per file; each prints its figures (and peers' figures from the same run).
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>
{
    ["hashing"] = HashingBenchmark.Run,
    ["decode"] = DecodeBenchmark.Run,
    ["index-throughput"] = IndexThroughputBenchmark.Run,
    ["grouping"] = GroupingBenchmark.Run,
    ["grouping-embeddings"] = EmbeddingGroupingBenchmark.Run,
    ["embed"] = Lookalike.Bench.Embedding.EmbeddingBenches.Run,
    ["index"] = Lookalike.Bench.Indexing.IndexBenchmark.Run,
    ["dedup-eval"] = DedupEvaluationReport.Run,
    ["dedup-calibrate"] = DedupCalibration.Run,
    ["dedup-scale"] = DedupScaleBenchmark.Run,
    ["keep-eval"] = KeeperEvaluation.Run,
    ["hostile-corpus"] = HostileCorpusCommand.Run,
    ["review-paint"] = ReviewPaintBenchmark.Run,
    ["postgres"] = PostgresBenchmark.Run,
    ["verify-pairs"] = VerifyPairsBenchmark.Run,
    ["verifier-stages"] = VerifierStagesBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: bench <{string.Join('|', benchmarks.Keys)}> [options]");
    return 2;
}
return await run(args[1..]);
