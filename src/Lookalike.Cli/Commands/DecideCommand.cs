using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;
using Lookalike.Files;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike decide not-duplicates|keep-both|forget A B</c>: remembers what the user decided about two files,
/// in the catalog that holds them (found from the files, so it works from any working folder).</summary>
internal static class DecideCommand
{
    public static Command Create()
    {
        var verdict = new Argument<string>("decision") { Description = "not-duplicates, keep-both, or forget (drop an earlier decision)" };
        verdict.AcceptOnlyFromAmong("not-duplicates", "keep-both", "forget");
        var first = new Argument<string>("a") { Description = "First image" };
        var second = new Argument<string>("b") { Description = "Second image" };
        var database = CommonOptions.Database();
        var command = new Command("decide", "Remember that two images are not duplicates, or that both are kept; dupes honours it")
        {
            verdict, first, second, database,
        };
        command.SetAction(parse =>
        {
            string[] files = [parse.GetValue(first)!, parse.GetValue(second)!];
            using var catalog = CatalogLocation.OpenExisting(files, parse.GetValue(database));
            if (files.FirstOrDefault(f => !File.Exists(f)) is { } folder) throw new BadInputException($"{Path.GetFullPath(folder)}: is a folder, not an image file");
            // By content, not path: the decision follows the pictures through moves, renames and copies.
            var (hashA, hashB) = (Sha256File.Of(Path.GetFullPath(files[0])), Sha256File.Of(Path.GetFullPath(files[1])));
            var store = new DecisionStore(catalog);
            switch (parse.GetValue(verdict))
            {
                case "forget":
                    Console.WriteLine(store.Forget(hashA, hashB) ? "Forgotten." : "There was no decision about these two.");
                    break;
                case "not-duplicates":
                    store.Record(hashA, hashB, DuplicateDecision.NotDuplicates);
                    Console.WriteLine($"Remembered in {catalog.DatabasePath}: not duplicates.");
                    break;
                default:
                    store.Record(hashA, hashB, DuplicateDecision.KeepBoth);
                    Console.WriteLine($"Remembered in {catalog.DatabasePath}: keep both.");
                    break;
            }
            return 0;
        });
        return command;
    }
}
