using System.Text.Json.Serialization;

namespace Lookalike.Bench.Indexing;

/// <summary>One line of the index benchmark table (ours or a peer's; peers send the same fields as JSON).</summary>
internal sealed record BenchRow(
    [property: JsonPropertyName("lib")] string Lib,
    [property: JsonPropertyName("index")] string Index,
    [property: JsonPropertyName("param")] string Param,
    [property: JsonPropertyName("build_s")] double BuildSeconds,
    [property: JsonPropertyName("bytes_per_vector")] double BytesPerVector,
    [property: JsonPropertyName("r1")] double Recall1,
    [property: JsonPropertyName("r10")] double Recall10,
    [property: JsonPropertyName("r100")] double Recall100,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms,
    [property: JsonPropertyName("qps")] double Qps)
{
    public static void PrintTable(IEnumerable<BenchRow> rows, int threads)
    {
        var header = $"{"lib",-10} {"index",-22} {"param",-10} {"build s",8} {"B/vec",6} {"R@1",6} {"R@10",6} {"R@100",6} {"p50 ms",8} {"p99 ms",8} {$"QPS {threads}t",9}";
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var r in rows)
            Console.WriteLine(
                $"{r.Lib,-10} {r.Index,-22} {r.Param,-10} {r.BuildSeconds,8:F1} {r.BytesPerVector,6:F0} {r.Recall1,6:F3} {r.Recall10,6:F3} {r.Recall100,6:F3} {r.P50Ms,8:F3} {r.P99Ms,8:F3} {r.Qps,9:F0}");
    }
}
