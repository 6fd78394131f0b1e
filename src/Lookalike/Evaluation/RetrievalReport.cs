namespace Lookalike.Evaluation;

/// <summary>Mean precision and recall over all queries of the first <see cref="K"/> results.</summary>
public sealed record RetrievalAtK(int K, double Precision, double Recall);

/// <summary>Quality for the queries of one class.</summary>
public sealed record ClassQuality(string Class, int Images, double MeanAveragePrecision, double PrecisionAt1);

/// <summary>How many of the exact index's top <see cref="K"/> an approximate index also returned (mean over queries).</summary>
public sealed record ExactAgreement(int K, double Recall);

/// <summary>End-to-end time of single-image queries (decode, embed, search, re-rank), in milliseconds.</summary>
public sealed record QueryLatency(int Queries, double P50Ms, double P95Ms);

/// <summary>Everything <see cref="RetrievalEvaluation.Run"/> measured.</summary>
public sealed record RetrievalReport(
    string Model,
    string Index,
    int Images,
    int Queries,
    IReadOnlyList<RetrievalAtK> AtK,
    double MeanAveragePrecision,
    IReadOnlyList<ClassQuality>? Classes,
    IReadOnlyList<ExactAgreement>? RecallVsExact,
    double IndexBuildSeconds,
    double IndexVectorsPerSecond,
    QueryLatency? Latency,
    IReadOnlyList<string> Skipped);
