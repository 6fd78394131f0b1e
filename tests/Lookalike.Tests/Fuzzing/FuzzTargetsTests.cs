using System.Text;
using Lookalike.Testing.Fuzzing;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fuzzing;

/// <summary>The short variant of fuzz/Lookalike.Fuzz: blind mutations of real inputs through every target; none may fail
/// in a way its caller does not handle. The long, coverage-guided run is in fuzz/Lookalike.Fuzz/README.md.</summary>
public class FuzzTargetsTests
{
    private static readonly byte[] ManifestSeed = Encoding.UTF8.GetBytes(
        """{"type":"acted","actionId":"20260101T000000Z-abcdef","timeUtc":"2026-01-01T00:00:00Z","action":"move-to-trash","path":"/p/a.jpg","trashPath":"/t/a.jpg","keeper":"/p/k.jpg","keeperSha256":"00","size":3,"sha256":"00","modifiedSeconds":1,"modifiedNanoseconds":2}""" + "\n" +
        """{"type":"restored","actionId":"20260101T000000Z-abcdef","timeUtc":"2026-01-01T00:00:00Z","path":"/p/a.jpg"}""");

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Keys];

    [Theory]
    [MemberData(nameof(Targets))]
    public void MutatedInputsFailOnlyTheDocumentedWay(string name)
    {
        IReadOnlyList<byte[]> seeds = name switch
        {
            "manifest" => [ManifestSeed],
            "csv" => [Encoding.UTF8.GetBytes("file,tag\r\n\"a,\"\"b\"\"\",x\n/p/c.jpg,\"multi\nline\"\n")],
            "model-json" => [[], Encoding.UTF8.GetBytes("""{"name":"m","version":"1","dimension":4,"image":{"file":"m.onnx","input":"x","size":224}}""")],
            _ => [File.ReadAllBytes(TestFiles.Path("china-small.png")), File.ReadAllBytes(TestFiles.Path("coffee.gif")), File.ReadAllBytes(TestFiles.Path("china.jpg"))],
        };
        var failures = FuzzTargets.Mutate(FuzzTargets.All[name], seeds, iterations: name == "decode" ? 150 : 400, seed: 13);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(5).Select(f => $"{f.Error.GetType().Name}: {f.Error.Message}")));
    }
}
