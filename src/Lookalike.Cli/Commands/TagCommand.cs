using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Ingest;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike tag add|remove|list|import</c>: the user's tags and metadata on cataloged images,
/// which <c>lookalike search --tag/--where</c> filters by.</summary>
internal static class TagCommand
{
    public static Command Create()
    {
        var command = new Command("tag", "Tag cataloged images (and import tags or key=value metadata from CSV)");
        command.Subcommands.Add(Change("add", "Give FILE... the tag TAG", (tags, id, tag) => tags.Add(id, tag), "added", "already"));
        command.Subcommands.Add(Change("remove", "Take the tag TAG off FILE...", (tags, id, tag) => tags.Remove(id, tag), "removed", "absent"));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Import());
        return command;
    }

    private static Option<string?> Database() => CommonOptions.Database();

    private static Argument<string[]> Files(ArgumentArity arity) => new("files") { Description = "Image files in the catalog", Arity = arity };

    /// <summary>add and remove: the same shape, a different change per file.</summary>
    private static Command Change(string name, string description, Func<ImageTags, long, string, bool> apply, string changedName, string unchangedName)
    {
        var tag = new Argument<string>("tag") { Description = "The tag" };
        var files = Files(ArgumentArity.OneOrMore);
        var database = Database();
        var json = CommonOptions.Json();
        var command = new Command(name, description) { tag, files, database, json };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!.Select(Path.GetFullPath).ToList();
            // A file deleted since it was cataloged can still be untagged, so only the files still there locate the catalog.
            using var catalog = CatalogLocation.OpenExisting(paths.Where(File.Exists).ToList(), parse.GetValue(database));
            var tags = new ImageTags(catalog);
            string text;
            try
            {
                text = ImageTags.Clean(parse.GetValue(tag)!);
            }
            catch (ArgumentException e)
            {
                throw new BadInputException(e.Message);
            }
            List<string> changed = [], unchanged = [], unknown = [];
            using (var transaction = catalog.BeginTransaction())
            {
                foreach (var path in paths)
                {
                    if (catalog.FindFile(path) is not { } image)
                    {
                        Terminal.Problem(path, TagImport.NotCataloged);
                        unknown.Add(path);
                    }
                    else (apply(tags, image.Id, text) ? changed : unchanged).Add(image.Path);
                }
                transaction.Commit();
            }
            if (parse.GetValue(json))
                Json.Write(new Dictionary<string, object> { ["tag"] = text, [changedName] = changed, [unchangedName] = unchanged, ["notCataloged"] = unknown });
            else
                Console.Out.WriteLine($"'{text}': {changed.Count} {changedName}, {unchanged.Count} {unchangedName}" +
                                      (unknown.Count > 0 ? $", {unknown.Count} not in the catalog" : ""));
            return unknown.Count > 0 ? 1 : 0;
        });
        return command;
    }

    private static Command List()
    {
        var files = Files(ArgumentArity.ZeroOrMore);
        var database = Database();
        var json = CommonOptions.Json();
        var command = new Command("list", "Without files: every tag with its number of images. With files: each file's tags and metadata") { files, database, json };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!.Select(Path.GetFullPath).ToList();
            using var catalog = CatalogLocation.OpenExisting(paths.Where(File.Exists).ToList(), parse.GetValue(database));
            var tags = new ImageTags(catalog);
            if (paths.Count == 0)
            {
                var counts = tags.Counts();
                if (parse.GetValue(json)) Json.Write(new { tags = counts.Select(c => new { tag = c.Tag, count = c.Count }) });
                else
                {
                    var table = new Table().Border(TableBorder.Rounded).AddColumn("Tag").AddColumn(new TableColumn("Images").RightAligned());
                    foreach (var (tag, count) in counts) table.AddRow(Markup.Escape(tag), count.ToString());
                    Terminal.Out.Write(table);
                }
                return 0;
            }
            var listed = new List<(string File, List<string> Tags, SortedDictionary<string, string> Values)>();
            var unknown = 0;
            foreach (var path in paths)
            {
                if (catalog.FindFile(path) is not { } image)
                {
                    Terminal.Problem(path, TagImport.NotCataloged);
                    unknown++;
                }
                else listed.Add((image.Path, tags.Of(image.Id), tags.ValuesOf(image.Id)));
            }
            if (parse.GetValue(json)) Json.Write(new { files = listed.Select(l => new { file = l.File, tags = l.Tags, metadata = l.Values }) });
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn("File").AddColumn("Tags").AddColumn("Metadata");
                foreach (var (file, fileTags, values) in listed)
                    table.AddRow(Markup.Escape(file), Markup.Escape(string.Join(", ", fileTags)), Markup.Escape(string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))));
                Terminal.Out.Write(table);
            }
            return unknown > 0 ? 1 : 0;
        });
        return command;
    }

    private static Command Import()
    {
        var csv = new Argument<string>("csv")
        {
            Description = "CSV with the header 'file,tag' or 'file,key,value'; files absolute or relative to the CSV's folder",
        };
        var database = Database();
        var json = CommonOptions.Json();
        var command = new Command("import", "Tag files, or set key=value metadata on them, from a CSV") { csv, database, json };
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(csv)!);
            if (!File.Exists(path)) throw new BadInputException($"{path}: no such file.");
            using var catalog = CatalogLocation.OpenExisting([path], parse.GetValue(database));
            TagImportReport report;
            try
            {
                report = TagImport.Apply(catalog, path);
            }
            catch (FormatException e)
            {
                throw new BadInputException(e.Message);
            }
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
            return report.Problems.Count > 0 ? 1 : 0;
        });
        return command;
    }
}
