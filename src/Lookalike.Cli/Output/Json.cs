using System.Text.Json;
using Lookalike.Dedup.Reports;

namespace Lookalike.Cli.Output;

/// <summary>Prints JSON on stdout in the library's one style (<see cref="ReportJson"/>).</summary>
internal static class Json
{
    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, ReportJson.Options));

    /// <summary>One object on one line (JSON Lines), for commands that print a stream of results.</summary>
    public static void WriteLine<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, ReportJson.LineOptions));
}
