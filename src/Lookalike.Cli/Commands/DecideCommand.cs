using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;
using Lookalike.Files;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike decide not-duplicates|keep-both|forget A B</c>: remembers what the user decided about two files.</summary>
internal static class DecideCommand
{
    public static Command Create()
    {
        var verdict = new Argument<string>("decision") { Description = "not-duplicates, keep-both, or forget (drop an earlier decision)" };
        verdict.AcceptOnlyFromAmong("not-duplicates", "keep-both", "forget");
        var first = new Argument<string>("a") { Description = "First image" };
        var second = new Argument<string>("b") { Description = "Second image" };
        var database = CommonOptions.Database();
        database.Description = "Directory holding the catalog (default: ./.lookalike)";
        var command = new Command("decide", "Remember that two images are not duplicates, or that both are kept; dupes honours it")
        {
            verdict, first, second, database,
        };
        command.SetAction(parse =>
        {
            // By content, not path: the decision follows the pictures through moves, renames and copies.
            string hashA, hashB;
            try
            {
                hashA = Sha256File.Of(Path.GetFullPath(parse.GetValue(first)!));
                hashB = Sha256File.Of(Path.GetFullPath(parse.GetValue(second)!));
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"lookalike: {e.Message}");
                return 1;
            }
            using var catalog = ImageCatalog.Open(ImageCatalog.DefaultPath(["."], parse.GetValue(database)));
            var store = new DecisionStore(catalog.Connection);
            try
            {
                switch (parse.GetValue(verdict))
                {
                    case "forget":
                        Console.WriteLine(store.Forget(hashA, hashB) ? "Forgotten." : "There was no decision about these two.");
                        break;
                    case "not-duplicates":
                        store.Record(hashA, hashB, DuplicateDecision.NotDuplicates);
                        Console.WriteLine("Remembered: not duplicates.");
                        break;
                    default:
                        store.Record(hashA, hashB, DuplicateDecision.KeepBoth);
                        Console.WriteLine("Remembered: keep both.");
                        break;
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"lookalike: {e.Message}");
                return 1;
            }
            return 0;
        });
        return command;
    }
}
