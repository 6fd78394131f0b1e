using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lookalike.Cli.Output;

/// <summary>The one JSON style of every command: camelCase, indented, nulls left out, on stdout.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // paths stay readable; still valid JSON
    };

    private static readonly JsonSerializerOptions LineOptions = new(Options) { WriteIndented = false };

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>One object on one line (JSON Lines), for commands that print a stream of results.</summary>
    public static void WriteLine<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, LineOptions));
}
