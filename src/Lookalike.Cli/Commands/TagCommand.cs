using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Ingest;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike tag add|remove|list|import</c>: the user's tags and metadata on cataloged images, which
/// <c>lookalike search --tag/--where</c> filters by, through <see cref="ImageTags"/> and <see cref="TagImport"/>;
/// this file only parses and renders.</summary>
internal static class TagCommand
{
    public static Command Create()
    {
        var command = new Command("tag", "Tag cataloged images (and import tags or key=value metadata from CSV)");
        command.Subcommands.Add(Change("add", "Give FILE... the tag TAG", (tags, files, tag) => tags.AddTo(files, tag), "added", "already"));
        command.Subcommands.Add(Change("remove", "Take the tag TAG off FILE...", (tags, files, tag) => tags.RemoveFrom(files, tag), "removed", "absent"));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Import());
        return command;
    }

    private static Argument<string[]> Files(ArgumentArity arity) => new("files") { Description = "Image files in the catalog", Arity = arity };

    /// <summary>The catalog of the files named; a file deleted since it was cataloged can still be untagged or listed,
    /// so only the files still there locate it.</summary>
    private static ImageCatalog Open(IReadOnlyList<string> files, string? database) =>
        CatalogLocation.OpenExisting(files.Where(File.Exists).ToList(), database);

    /// <summary>add and remove: the same shape, a different change.</summary>
    private static Command Change(string name, string description, Func<ImageTags, IReadOnlyList<string>, string, TagChange> apply, string changedName, string unchangedName)
    {
        var tag = new Argument<string>("tag") { Description = "The tag" };
        var files = Files(ArgumentArity.OneOrMore);
        var database = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command(name, description) { tag, files, database, json };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            using var catalog = Open(paths, parse.GetValue(database));
            var change = apply(new ImageTags(catalog), paths, parse.GetValue(tag)!);
            foreach (var path in change.NotCataloged) Terminal.Problem(path, ImageTags.NotCataloged);
            if (parse.GetValue(json))
                Json.Write(new Dictionary<string, object> { ["tag"] = change.Tag, [changedName] = change.Changed, [unchangedName] = change.Unchanged, ["notCataloged"] = change.NotCataloged });
            else
                Console.Out.WriteLine($"'{change.Tag}': {change.Changed.Count} {changedName}, {change.Unchanged.Count} {unchangedName}" +
                                      (change.NotCataloged.Count > 0 ? $", {change.NotCataloged.Count} not in the catalog" : ""));
            return change.NotCataloged.Count > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var files = Files(ArgumentArity.ZeroOrMore);
        var database = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("list", "Without files: every tag with its number of images. With files: each file's tags and metadata") { files, database, json };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            using var catalog = Open(paths, parse.GetValue(database));
            var tags = new ImageTags(catalog);
            if (paths.Length == 0)
            {
                var counts = tags.Counts();
                if (parse.GetValue(json)) Json.Write(new { tags = counts.Select(c => new { tag = c.Tag, count = c.Count }) });
                else
                {
                    var table = new Table().Border(TableBorder.Rounded).AddColumn("Tag").AddColumn(new TableColumn("Images").RightAligned());
                    foreach (var (tag, count) in counts) table.AddRow(Markup.Escape(tag), count.ToString());
                    Terminal.Out.Write(table);
                }
                return ExitCodes.Ok;
            }
            var listing = tags.Describe(paths);
            foreach (var path in listing.NotCataloged) Terminal.Problem(path, ImageTags.NotCataloged);
            if (parse.GetValue(json)) Json.Write(new { files = listing.Files.Select(f => new { file = f.File, tags = f.Tags, metadata = f.Metadata }) });
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn("File").AddColumn("Tags").AddColumn("Metadata");
                foreach (var file in listing.Files)
                    table.AddRow(Markup.Escape(file.File), Markup.Escape(string.Join(", ", file.Tags)), Markup.Escape(string.Join(", ", file.Metadata.Select(v => $"{v.Key}={v.Value}"))));
                Terminal.Out.Write(table);
            }
            return listing.NotCataloged.Count > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import()
    {
        var csv = new Argument<string>("csv")
        {
            Description = "CSV with the header 'file,tag' or 'file,key,value'; files absolute or relative to the CSV's folder",
        };
        var database = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command("import", "Tag files, or set key=value metadata on them, from a CSV") { csv, database, json };
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(csv)!);
            using var catalog = CatalogLocation.OpenExisting([path], parse.GetValue(database));
            var report = TagImport.Apply(catalog, path);
            foreach (var problem in report.Problems)
                Terminal.Problem(problem.File ?? path, $"{problem.Reason} (line {problem.Line} of {path})");
            if (parse.GetValue(json))
                Json.Write(new
                {
                    csv = path, tagged = report.Tagged, valuesSet = report.ValuesSet, unchanged = report.Unchanged,
                    skipped = report.Problems.Select(p => new { line = p.Line, file = p.File, reason = p.Reason }),
                });
            else
                Console.Out.WriteLine($"{path}: {report.Tagged} tags added, {report.ValuesSet} values set, {report.Unchanged} already there, " +
                                      $"{report.Problems.Count} rows skipped");
            return report.Problems.Count > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Ok;
        });
        return command;
    }
}
