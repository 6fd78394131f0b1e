using System.CommandLine;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike index FOLDER...</c>: fingerprints every image into the catalog.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "Folders to index", Arity = ArgumentArity.OneOrMore };
        var command = new Command("index", "Fingerprint the images in FOLDER... into the catalog") { folders };
        command.SetAction(parse => { Console.Error.WriteLine("not implemented yet"); return 1; });
        return command;
    }
}
