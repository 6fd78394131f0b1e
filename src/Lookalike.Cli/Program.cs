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
    EnqueueCommand.Create(),
    WorkerCommand.Create(),
    DupesCommand.Create(),
    CompareCommand.Create(),
    UndoCommand.Create(),
    DecideCommand.Create(),
    ModelsCommand.Create(),
    SearchCommand.Create(),
    TagCommand.Create(),
    HashCommand.Create(),
    CheckCommand.Create(),
    FindCommand.Create(),
    TrashCommand.Create(),
    DoctorCommand.Create(),
    EvalCommand.Create(),
    TuneCommand.Create(),
    ClustersCommand.Create(),
    MapCommand.Create(),
    MatrixCommand.Create(),
    DriftCommand.Create(),
    ServeCommand.Create(),
};
return await ExitCodes.Run(root, args);
