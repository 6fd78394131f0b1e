using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lookalike.Dedup.Reports;

/// <summary>The one JSON style of Lookalike's documents (the CLI's <c>--json</c>, saved reports, the web app): property
/// names camelCase and enum values kebab-case by the framework's naming policies, nulls left out, paths unescaped.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // paths stay readable; still valid JSON
    };

    /// <summary>The same style on one line (JSON Lines).</summary>
    public static JsonSerializerOptions LineOptions { get; } = new(Options) { WriteIndented = false };

    /// <summary>A name as the JSON documents and the command line spell it: MoveToTrash is move-to-trash.</summary>
    public static string KebabName<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
