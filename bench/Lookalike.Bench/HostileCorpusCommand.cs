using System.Globalization;
using Lookalike.Testing.Hostile;

namespace Lookalike.Bench;

/// <summary><c>bench hostile-corpus DIR [--flips N] [--seed S]</c>: writes issue 13's hostile corpus to DIR/in (links lead
/// to DIR/out) for trying the CLI by hand; the checks over it run in tests/Lookalike.Tests/Cli/HostileCorpusRunTests.cs.</summary>
internal static class HostileCorpusCommand
{
    public static Task<int> Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: bench hostile-corpus DIR [--flips N] [--seed S]");
            return Task.FromResult(2);
        }
        int Option(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        var testData = Path.Combine(BenchPaths.RepoRoot, "tests", "Lookalike.Tests", "TestData");
        var written = HostileCorpus.Write(Path.GetFullPath(args[0]), testData, Option("--seed", 13), Option("--flips", 8));
        Console.WriteLine($"{written} entries in {Path.Combine(Path.GetFullPath(args[0]), "in")} (links lead to {Path.Combine(Path.GetFullPath(args[0]), "out")})");
        return Task.FromResult(0);
    }
}
