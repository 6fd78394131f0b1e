using System.CommandLine;
using System.CommandLine.Help;
using Lookalike.Cli;
using Lookalike.Cli.Commands;

// Every command lives in Commands/, one file each, and is registered here.
// A plain Command named "lookalike" (not RootCommand, which takes its name from the assembly) with
// the help and version options a root command would have.
var root = new Command("lookalike", "Lookalike: find duplicate and similar images.")
{
    new HelpOption(),
    new VersionOption(),
    IndexCommand.Create(),
    DupesCommand.Create(),
    CompareCommand.Create(),
    UndoCommand.Create(),
    DecideCommand.Create(),
    ModelsCommand.Create(),
    SearchCommand.Create(),
    TagCommand.Create(),
    ServeCommand.Create(),
};
try
{
    // The default handler would print CliException as a crash with a stack trace; the catch below prints one line.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliException e)
{
    Console.Error.WriteLine($"lookalike: {e.Message}");
    return 1;
}
