using Spectre.Console;

namespace Lookalike.Cli.Output;

/// <summary>Where human-readable output goes: tables to stdout, progress and problems to stderr.</summary>
internal static class Terminal
{
    public static IAnsiConsole Out { get; } = AnsiConsole.Console;

    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    /// <summary>One line on stderr naming the file and what is wrong with it.</summary>
    public static void Problem(string path, string reason) => Console.Error.WriteLine($"lookalike: {path}: {reason}");

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
