using System.CommandLine;
using System.Globalization;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Search;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike find</c>: cataloged images listed by tags, metadata and EXIF fields, without a query image.</summary>
internal static class FindCommand
{
    public static Command Create()
    {
        var tags = new Option<string[]>("--tag") { Description = "Only images with this tag (repeat: all of them)", DefaultValueFactory = _ => [] };
        var where = new Option<string[]>("--where") { Description = "Only images whose metadata has key=value (repeat: all of them)", DefaultValueFactory = _ => [] };
        var folder = new Option<string?>("--folder") { Description = "Only images below this folder" };
        var camera = new Option<string?>("--camera") { Description = "Only images whose EXIF camera (make and model) contains this, ignoring case" };
        var taken = new Option<string?>("--taken")
        {
            Description = "Only images whose EXIF capture time is in FROM..TO (either side may be left out), or in one period; " +
                          "each side a year, month, day or time: 2019, 2019-04, 2019-04-14, 2019-04-14T13:45:56 (each stands for all of it)",
        };
        var database = CommonOptions.Database();
        database.Description = "Directory holding the catalog (default: the nearest .lookalike/catalog.db above the current folder, then above --folder)";
        var json = CommonOptions.Json();
        var command = new Command("find", "List cataloged images by tags, metadata, folder, EXIF camera and capture time (no query image)")
        {
            tags, where, folder, camera, taken, database, json,
        };
        command.SetAction(parse =>
        {
            var folderPath = parse.GetValue(folder) is { } given ? Path.GetFullPath(given) : null;
            var query = Query(parse.GetValue(tags)!, parse.GetValue(where)!, folderPath, parse.GetValue(camera), parse.GetValue(taken));
            using var catalog = CatalogLocation.OpenExisting(new[] { folderPath }.OfType<string>().ToList(), parse.GetValue(database));
            var images = query.Run(catalog);
            var imageTags = new ImageTags(catalog);
            var found = images.Select(i => (Image: i, Tags: imageTags.Of(i.Id), Values: imageTags.ValuesOf(i.Id))).ToList();
            if (parse.GetValue(json))
            {
                Json.Write(new
                {
                    count = found.Count,
                    images = found.Select(f => new
                    {
                        file = f.Image.Path,
                        width = f.Image.Width,
                        height = f.Image.Height,
                        format = f.Image.Format,
                        taken = f.Image.ExifDate?.ToString("s", CultureInfo.InvariantCulture),
                        camera = f.Image.Camera,
                        tags = f.Tags,
                        metadata = f.Values,
                    }),
                });
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumn("File").AddColumn("Taken").AddColumn("Camera")
                .AddColumn(new TableColumn("Size").RightAligned()).AddColumn("Tags").AddColumn("Metadata");
            foreach (var (image, imageTagList, values) in found)
                table.AddRow(Markup.Escape(image.Path), image.ExifDate?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(image.Camera ?? ""), $"{image.Width}x{image.Height}", Markup.Escape(string.Join(", ", imageTagList)),
                    Markup.Escape(string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))));
            Terminal.Out.Write(table);
            Terminal.Out.WriteLine(found.Count == 1 ? "1 image" : $"{found.Count} images");
            return 0;
        });
        return command;
    }

    private static MetadataQuery Query(string[] tags, string[] where, string? folder, string? camera, string? taken)
    {
        try
        {
            var filter = new ImageFilter(tags.Select(ImageTags.Clean).ToList(), folder, where.Select(ImageFilter.ParseCondition).ToList());
            var (from, before) = taken is null ? (null, null) : MetadataQuery.ParseTaken(taken);
            return new MetadataQuery(filter, string.IsNullOrWhiteSpace(camera) ? null : camera.Trim(), from, before);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new BadInputException(e.Message);
        }
    }
}
