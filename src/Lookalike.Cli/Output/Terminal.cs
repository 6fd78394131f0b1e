using Lookalike.Files;
using Spectre.Console;

namespace Lookalike.Cli.Output;

/// <summary>Where human-readable output goes: tables to stdout, progress and problems to stderr.</summary>
internal static class Terminal
{
    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>Into a file or pipe: no colour codes, and lines wide enough that paths are not wrapped.</summary>
    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected) console.Profile.Width = 400;
        return console;
    }

    /// <summary>One line on stderr naming the file and what is wrong with it.</summary>
    public static void Problem(string path, string reason) => Line($"{path}: {reason}");

    /// <summary>One line on stderr, "lookalike: " first; control characters in it (from file names) are escaped, so it
    /// stays one line and cannot send commands to the terminal.</summary>
    public static void Line(string message) => Console.Error.WriteLine($"lookalike: {PrintableText.Escape(message)}");

    /// <summary>Text for human output on stdout (tables, summaries) with control characters escaped.</summary>
    public static string Safe(string text) => PrintableText.Escape(text);
}
