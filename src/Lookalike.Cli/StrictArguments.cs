using System.CommandLine;

namespace Lookalike.Cli;

/// <summary>
/// A word that looks like an option but is none (a typo such as <c>--max-distnce</c>) would otherwise be taken for a
/// folder or file name and the run would go on with the defaults. Every argument of every command refuses such words.
/// </summary>
internal static class StrictArguments
{
    public static void Apply(Command command)
    {
        foreach (var argument in command.Arguments)
            argument.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
                    result.AddError($"unknown option '{token.Value}' for '{command.Name}'");
            });
        foreach (var subcommand in command.Subcommands) Apply(subcommand);
    }
}
