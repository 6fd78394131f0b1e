using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Commands;
using Lookalike.Dedup.Actions;

namespace Lookalike.Cli;

/// <summary>The --db, --in and --trash options of the commands that work on the trash (undo, trash list|purge), and the
/// trash they name: --trash DIR, else trash/ beside the catalog that <see cref="CatalogLocation"/> finds from --db, from
/// the folder or file given with --in, or from the working folder.</summary>
internal sealed class TrashChoice
{
    public Option<string?> Database { get; } = CommonOptions.Database();

    public Option<string?> Trash { get; } = new("--trash") { Description = "Trash folder to use instead of the catalog's", HelpName = "DIR" };

    public Option<string?> In { get; } = new("--in")
    {
        Description = "A folder or file the catalog holds (e.g. the folder dupes worked on), to find its catalog from anywhere",
        HelpName = "PATH",
    };

    public IEnumerable<Option> Options => [Database, In, Trash];

    /// <summary>The catalog and its trash: the manifest is sealed with the catalog's key (ManifestSeal), so undo and
    /// purge trust a trash only together with the catalog that wrote it.</summary>
    public (ImageCatalog Catalog, TrashFolder Trash) OpenWithCatalog(ParseResult parse)
    {
        var catalog = CatalogLocation.OpenExisting(parse.GetValue(In) is { } path ? [path] : [], parse.GetValue(Database));
        return (catalog, parse.GetValue(Trash) is { } folder ? new TrashFolder(folder) : TrashFolder.ForCatalog(catalog));
    }
}
