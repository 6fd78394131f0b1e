using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Lookalike.Cli.Commands;

/// <summary>Options several commands share, so they are spelled and described once; numbers are checked at parse time.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database() => new("--db", "--catalog")
    {
        Description = "Directory holding the catalog, or a postgres://user@host:port/database URL (default: $LOOKALIKE_CATALOG, else " +
                      "the .lookalike/catalog.db in or above the folders or files named, then above the working folder; index and dupes " +
                      "make FOLDER/.lookalike when there is none)",
        HelpName = "DIR|URL",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON on stdout instead of tables" };

    public static Option<bool> FollowLinks() => new("--follow-links")
    {
        Description = "Also follow links to folders outside FOLDER... when scanning (actions still never touch files outside them)",
    };

    public static Argument<string[]> Folders() => new("folders")
    {
        Description = "Folders (or files) to look at; each must exist",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or absent.</summary>
    public static Option<int?> WholeNumber(string name, string description, int min, int max = int.MaxValue) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name, min, max,
            text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null, "whole number"),
    };

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, or absent (cosines are -1..1).</summary>
    public static Option<float?> Number(string name, string description, float min, float max) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(result, name, min, max,
            text => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value) ? value : null, "number"),
    };

    /// <summary>A cosine similarity option: -1..1.</summary>
    public static Option<float?> Cosine(string name, string description) => Number(name, description, -1, 1);

    private static T? Parse<T>(ArgumentResult result, string name, T min, T max, Func<string, T?> parse, string kind) where T : struct, IComparable<T>
    {
        var text = result.Tokens.Single().Value;
        if (parse(text) is not { } value)
        {
            result.AddError($"{name} needs a {kind}, not '{text}'.");
            return null;
        }
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            result.AddError(max.Equals(MaxOf<T>()) ? $"{name} must be at least {min}, not {text}." : $"{name} must be from {min} to {max}, not {text}.");
            return null;
        }
        return value;
    }

    private static T MaxOf<T>() where T : struct => typeof(T) == typeof(int) ? (T)(object)int.MaxValue : (T)(object)float.MaxValue;
}
