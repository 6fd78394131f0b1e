using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Commands;
using Lookalike.Dedup.Actions;

namespace Lookalike.Cli;

/// <summary>The --db and --trash options of the commands that work on the trash (undo, trash list|purge), and the
/// trash they name: --trash DIR, else trash/ beside the catalog found by <see cref="CatalogLocation"/>.</summary>
internal sealed class TrashChoice
{
    public Option<string?> Database { get; } = CommonOptions.Database();

    public Option<string?> Trash { get; } = new("--trash") { Description = "Trash folder to use instead of the catalog's", HelpName = "DIR" };

    public TrashFolder Open(ParseResult parse) => parse.GetValue(Trash) is { } folder
        ? new TrashFolder(folder)
        : TrashFolder.ForCatalog(CatalogLocation.Existing([], parse.GetValue(Database)));
}
