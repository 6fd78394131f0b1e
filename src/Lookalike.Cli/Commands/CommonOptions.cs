using System.CommandLine;

namespace Lookalike.Cli.Commands;

/// <summary>Options several commands share, so they are spelled and described once.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database() => new("--db")
    {
        Description = "Directory holding the catalog (default: FOLDER/.lookalike of the first folder)",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON on stdout instead of tables" };

    public static Option<bool> FollowLinks() => new("--follow-links")
    {
        Description = "Also follow links to folders outside FOLDER... when scanning (actions still never touch files outside them)",
    };

    public static Argument<string[]> Folders() => new("folders")
    {
        Description = "Folders (or files) to look at",
        Arity = ArgumentArity.OneOrMore,
    };
}
