using System.Globalization;
using Lookalike.Testing.Fuzzing;
using SharpFuzz;

// lookalike-fuzz TARGET                        one libFuzzer-driven run (under libfuzzer-dotnet, see README.md)
// lookalike-fuzz TARGET --afl                  under afl-fuzz (scripts/fuzz.sh): SharpFuzz's persistent AFL loop, input on stdin
// lookalike-fuzz TARGET --mutate N SEEDS_DIR   N in-process mutations of the files in SEEDS_DIR, no instrumentation
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: lookalike-fuzz <{string.Join('|', FuzzTargets.All.Keys)}> [--mutate N SEEDS_DIR]");
    return 2;
}
if (args.Length == 4 && args[1] == "--mutate")
{
    var seeds = Directory.GetFiles(args[3]).Select(File.ReadAllBytes).ToList();
    var failures = FuzzTargets.Mutate(target, seeds, int.Parse(args[2], CultureInfo.InvariantCulture), seed: Environment.TickCount);
    foreach (var (input, error) in failures.Take(10))
        Console.Error.WriteLine($"{error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")} ({input.Length} bytes: {Convert.ToHexString(input.AsSpan(0, Math.Min(32, input.Length)))}...)");
    Console.WriteLine($"{args[0]}: {args[2]} inputs, {failures.Count} undocumented failures");
    return failures.Count == 0 ? 0 : 1;
}
if (args is [_, "--afl"])
{
    Fuzzer.Run(stream =>
    {
        using var input = new MemoryStream();
        stream.CopyTo(input);
        target(input.ToArray());
    });
    return 0;
}
Fuzzer.LibFuzzer.Run(span => target(span.ToArray()));
return 0;
